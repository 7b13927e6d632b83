package io.billhook.core.health;

import static io.billhook.core.testing.DeliveryStack.VENDOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.billhook.core.endpoints.Endpoint;
import io.billhook.core.events.StrictJsonParser;
import io.billhook.core.testing.DeliveryStack;
import io.billhook.core.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * An endpoint that fails every attempt for the setting (one second here) is disabled with a reason,
 * and the vendor's endpoints subscribed to endpoint.disabled are told once. Real deliveries to a
 * receiver on loopback that always fails.
 */
@Timeout(120)
class AutoDisableTest {
  private static final Duration AFTER = Duration.ofSeconds(1);

  private final DeliveryStack stack = new DeliveryStack();
  private final AutoDisable autoDisable =
      new AutoDisable(
          stack.jdbc,
          TestDatabase.transactions(),
          stack.endpoints,
          stack.events,
          stack.runs,
          new DisableAfter(AFTER));

  @AfterEach
  void close() {
    stack.close();
  }

  @Test
  void anEndpointFailingForTheWholeSettingIsDisabledAndTheVendorToldOnce() throws Exception {
    Endpoint failing = stack.endpoint("/down", "payment.received");
    stack.endpoint("/watch", "endpoint.disabled");
    stack.answer("/down", 503);
    Instant firstFailure = failFor(AFTER, "evt_1", "evt_2");

    assertThat(autoDisable.run()).isEqualTo(1);
    assertThat(autoDisable.run()).isZero();

    Endpoint disabled = stack.endpoints.find(VENDOR, failing.id()).orElseThrow();
    String since = firstFailure.truncatedTo(ChronoUnit.SECONDS).toString();
    assertThat(disabled.enabled()).isFalse();
    assertThat(disabled.disabledReason()).isEqualTo("failed every attempt since " + since);
    DeliveryStack.waitUntil(() -> stack.receivedAt("/watch").size() == 1, Duration.ofSeconds(20));
    RecordedRequest notice = stack.receivedAt("/watch").get(0);
    JsonNode body = StrictJsonParser.parse(notice.getBody().utf8());
    assertThat(body.path("type").asText()).isEqualTo("endpoint.disabled");
    assertThat(body.path("data"))
        .isEqualTo(
            StrictJsonParser.parse(
                "{\"endpointId\":\""
                    + failing.id()
                    + "\",\"url\":\""
                    + failing.url()
                    + "\",\"reason\":\"failed every attempt since "
                    + since
                    + "\",\"failingSince\":\""
                    + since
                    + "\"}"));
    Thread.sleep(500);
    assertThat(stack.receivedAt("/watch")).hasSize(1);
  }

  @Test
  void aSuccessStartsTheCountAgain() throws Exception {
    Endpoint flaky = stack.endpoint("/flaky");
    stack.answer(503);
    failFor(AFTER, "evt_1");
    stack.answer(200);
    stack.publish("evt_ok");
    stack.awaitSettled("evt_ok");
    stack.answer(503);
    stack.publish("evt_3");
    stack.awaitSettled("evt_3");

    assertThat(autoDisable.run()).isZero();
    assertThat(stack.endpoints.find(VENDOR, flaky.id()).orElseThrow().enabled()).isTrue();
  }

  @Test
  void enablingItAgainClearsTheReasonAndTheFailuresSoFar() throws Exception {
    Endpoint failing = stack.endpoint("/again");
    stack.answer(503);
    failFor(AFTER, "evt_1", "evt_2");
    assertThat(autoDisable.run()).isEqualTo(1);

    Endpoint disabled = stack.endpoints.find(VENDOR, failing.id()).orElseThrow();
    stack.endpoints.update(disabled.toBuilder().setEnabled(true).build());

    assertThat(stack.endpoints.find(VENDOR, failing.id()).orElseThrow().disabledReason()).isNull();
    assertThat(autoDisable.run()).isZero();
    stack.publish("evt_3");
    stack.awaitSettled("evt_3");
    assertThat(autoDisable.run()).isZero();
  }

  @Test
  void aRecipientOfTheNoticeThatFailsTooIsDisabledOnceAndNothingLoops() throws Exception {
    Endpoint one = stack.endpoint("/one");
    Endpoint two = stack.endpoint("/two");
    stack.answer(503);
    failFor(AFTER, "evt_1", "evt_2");

    assertThat(autoDisable.run()).isEqualTo(2);
    Thread.sleep(1_500);
    for (int i = 0; i < 3; i++) {
      assertThat(autoDisable.run()).isZero();
    }

    assertThat(stack.endpoints.find(VENDOR, one.id()).orElseThrow().enabled()).isFalse();
    assertThat(stack.endpoints.find(VENDOR, two.id()).orElseThrow().enabled()).isFalse();
    List<Map<String, Object>> notices =
        stack
            .jdbc
            .sql("SELECT id FROM events WHERE type = 'endpoint.disabled'")
            .query()
            .listOfRows();
    assertThat(notices).hasSize(2);
    assertThat(stack.events.list(VENDOR, null, "pending", null, 10)).isEmpty();
  }

  @Test
  void aBadSettingStopsTheBindingNamingIt() {
    for (String bad : List.of("PT30S", "P91D", "5 days", "")) {
      Binder settings =
          new Binder(new MapConfigurationPropertySource(Map.of("billhook.disable-after", bad)));
      assertThatThrownBy(() -> settings.bind("billhook", HealthProperties.class))
          .as(bad)
          .isInstanceOf(BindException.class)
          .rootCause()
          .hasMessageContaining("BILLHOOK_DISABLE_AFTER must be an ISO-8601 duration");
    }
    Binder none = new Binder(new MapConfigurationPropertySource(Map.of("billhook.other", "x")));
    assertThat(none.bindOrCreate("billhook", HealthProperties.class).period().value())
        .isEqualTo(Duration.ofDays(5));
  }

  /**
   * Reports each event in turn, the last one {@code span} after the first, each failing all its
   * attempts; returns when the first attempt failed.
   */
  private Instant failFor(Duration span, String... eventIds) throws InterruptedException {
    Instant first = Instant.now();
    for (int i = 0; i < eventIds.length; i++) {
      if (i == eventIds.length - 1 && i > 0) {
        Thread.sleep(
            Math.max(0, Duration.between(Instant.now(), first.plus(span)).toMillis() + 200));
      }
      stack.publish(eventIds[i]);
      stack.awaitSettled(eventIds[i]);
    }
    if (eventIds.length == 1) {
      Thread.sleep(span.toMillis() + 200);
    }
    return stack.log.attemptsOfEvent(VENDOR, eventIds[0]).get(0).at();
  }
}
