package io.billhook.core.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.billhook.core.config.RetentionProperties;
import io.billhook.core.delivery.AttemptOutcome;
import io.billhook.core.delivery.DeliveryLog;
import io.billhook.core.delivery.DeliveryLog.Attempt;
import io.billhook.core.events.Envelope;
import io.billhook.core.events.EventStore;
import io.billhook.core.events.EventStore.StoredEvent;
import io.billhook.core.testing.Endpoints;
import io.billhook.core.testing.TestDatabase;
import io.billhook.workflows.delivery.DeliveryRequest;
import io.billhook.workflows.delivery.DeliveryStatus;
import io.billhook.workflows.delivery.DeliveryTarget;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Customer data older than the retention is purged; outcomes stay; pending deliveries keep all. */
class RetentionPurgeTest {
  private static final String VENDOR = "v1";
  private static final String SECRET = "cus_4242_jane@example.com";
  private static final Instant OCCURRED = Instant.parse("2026-03-29T14:32:00Z");
  private static final Duration OLD = Duration.ofHours(2);

  private final EventStore events =
      new EventStore(TestDatabase.jdbc(), TestDatabase.transactions(), Endpoints.DATA);
  private final DeliveryLog log = new DeliveryLog(TestDatabase.jdbc(), Endpoints.DATA);
  private final RetentionPurge purge =
      new RetentionPurge(events, log, new RetentionProperties("PT1H"));

  @BeforeEach
  void empty() {
    TestDatabase.clear();
  }

  @Test
  void anOldDeliveredEventLosesItsDataAndExcerptsButKeepsItsOutcome() {
    accept("evt_old", OLD, "ep_1");
    finish("evt_old", "ep_1", 200, DeliveryStatus.SUCCEEDED);
    accept("evt_new", Duration.ZERO, "ep_1");
    finish("evt_new", "ep_1", 200, DeliveryStatus.SUCCEEDED);

    purge.run();

    StoredEvent old = events.find(VENDOR, "evt_old").orElseThrow();
    assertThat(old.purged()).isTrue();
    assertThat(old.envelope().body())
        .isEqualTo(
            "{\"id\":\"evt_old\",\"type\":\"payment.received\","
                + "\"timestamp\":\"2026-03-29T14:32:00Z\",\"data\":null}");
    assertThat(old.status()).isEqualTo("succeeded");
    assertThat(events.deliveries(VENDOR, "evt_old"))
        .singleElement()
        .satisfies(d -> assertThat(d.status()).isEqualTo("succeeded"));
    assertThat(log.attemptsOfEvent(VENDOR, "evt_old"))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.statusCode()).isEqualTo(200);
              assertThat(a.responseExcerpt()).isNull();
            });
    assertThat(events.list(VENDOR, null, null, null, 10))
        .extracting(e -> e.envelope().id())
        .containsExactly("evt_new", "evt_old");
    assertKept("evt_new");
  }

  @Test
  void anEventStillBeingDeliveredKeepsEverythingWhateverItsAge() {
    accept("evt_slow", Duration.ofDays(400), "ep_up", "ep_down");
    finish("evt_slow", "ep_up", 200, DeliveryStatus.SUCCEEDED);
    log.recordAttempt(request("evt_slow", "ep_down"), 1, outcome(503));

    purge.run();
    assertKept("evt_slow");

    finish("evt_slow", "ep_down", 410, DeliveryStatus.FAILED);
    purge.run();
    assertThat(events.find(VENDOR, "evt_slow").orElseThrow().purged()).isTrue();
    assertThat(log.attemptsOfEvent(VENDOR, "evt_slow"))
        .hasSize(3)
        .allSatisfy(a -> assertThat(a.responseExcerpt()).isNull());
  }

  @Test
  void anOldEventNoEndpointWantedIsPurgedToo() {
    accept("evt_unheard", OLD);
    purge.run();
    assertThat(events.find(VENDOR, "evt_unheard").orElseThrow().purged()).isTrue();
  }

  @Test
  void aBacklogLargerThanABatchIsPurgedBatchByBatch() {
    int backlog = 2 * RetentionPurge.BATCH + 7;
    TestDatabase.jdbc()
        .sql(
            "WITH e AS (INSERT INTO events (vendor_id, id, type, occurred_at, body, created_at)"
                + " SELECT ?, 'evt_' || n, 'payment.received', now(), '{}',"
                + " now() - interval '2 hours' FROM generate_series(1, ?) n RETURNING id)"
                + " INSERT INTO deliveries (vendor_id, event_id, endpoint_id, url, status,"
                + " updated_at) SELECT ?, id, 'ep_1', 'http://127.0.0.1:9/', 'succeeded', now()"
                + " FROM e")
        .params(VENDOR, backlog, VENDOR)
        .update();
    Instant cutoff = Instant.now().minus(Duration.ofHours(1));

    List<EventStore.EventKey> oneBatch =
        events.purgeBodies(cutoff, RetentionPurge.BATCH, purged -> {});
    assertThat(oneBatch).hasSize(RetentionPurge.BATCH);
    assertThat(purge.purge(cutoff)).isEqualTo(backlog - RetentionPurge.BATCH);
    assertThat(purge.purge(cutoff)).isZero();

    assertThat(events.list(VENDOR, null, null, null, backlog + 1))
        .hasSize(backlog)
        .allSatisfy(e -> assertThat(e.purged()).isTrue());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "30", "30d", "P1M", "P1Y", "PT59M", "-P30D", "P3651D", "PT1H30"})
  void aRetentionOutsideAnHourToTenYearsIsRefusedNamingTheSetting(String setting) {
    assertThatThrownBy(() -> RetentionPeriod.parse(setting))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BILLHOOK_RETENTION must be an ISO-8601 duration")
        .hasMessageContaining("'" + setting + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT1H", "P30D", "PT36H", " P1DT12H ", "P3650D"})
  void aRetentionFromAnHourToTenYearsIsAccepted(String setting) {
    assertThat(RetentionPeriod.parse(setting).value())
        .isBetween(RetentionPeriod.MINIMUM, RetentionPeriod.MAXIMUM);
  }

  @Test
  void aBadSettingStopsTheBindingNamingIt() {
    Binder settings =
        new Binder(new MapConfigurationPropertySource(Map.of("billhook.retention", "P1M")));
    assertThatThrownBy(() -> settings.bind("billhook", RetentionProperties.class))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining("BILLHOOK_RETENTION must be an ISO-8601 duration");
  }

  @Test
  void aRetentionIsNamedInWholeDaysWhenItIsOne() {
    assertThat(RetentionPeriod.parse("PT720H")).hasToString("P30D");
    assertThat(RetentionPeriod.parse("PT36H")).hasToString("PT36H");
  }

  /** Stores the event with one delivery per endpoint, as accepted {@code age} ago. */
  private void accept(String id, Duration age, String... endpoints) {
    Envelope envelope =
        Envelope.of(
            id,
            "payment.received",
            OCCURRED,
            JsonNodeFactory.instance.objectNode().put("customerId", SECRET));
    List<DeliveryTarget> targets =
        Arrays.stream(endpoints)
            .map(e -> new DeliveryTarget(e, "http://127.0.0.1:9/" + e))
            .toList();
    assertThat(events.insert(VENDOR, envelope, targets)).isTrue();
    TestDatabase.jdbc()
        .sql("UPDATE events SET created_at = ? WHERE id = ?")
        .params(java.sql.Timestamp.from(Instant.now().minus(age)), id)
        .update();
  }

  private void finish(String eventId, String endpointId, int code, DeliveryStatus status) {
    log.recordLastAttempt(request(eventId, endpointId), 2, outcome(code), status);
  }

  private static DeliveryRequest request(String eventId, String endpointId) {
    return new DeliveryRequest(VENDOR, eventId, "payment.received", endpointId, "{}", 5, null, 1);
  }

  /** A receiver's answer quoting the customer back. */
  private static AttemptOutcome outcome(int code) {
    return new AttemptOutcome(
        Instant.now().truncatedTo(ChronoUnit.MILLIS),
        "http://127.0.0.1:9/hook",
        code,
        12,
        "got " + SECRET,
        null,
        Optional.empty(),
        false);
  }

  private void assertKept(String id) {
    StoredEvent event = events.find(VENDOR, id).orElseThrow();
    assertThat(event.purged()).isFalse();
    assertThat(event.envelope().data().path("customerId").asText()).isEqualTo(SECRET);
    assertThat(log.attemptsOfEvent(VENDOR, id))
        .isNotEmpty()
        .extracting(Attempt::responseExcerpt)
        .containsOnly("got " + SECRET);
  }
}
