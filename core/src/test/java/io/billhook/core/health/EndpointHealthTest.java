package io.billhook.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billhook.core.delivery.AttemptOutcome;
import io.billhook.core.delivery.DeliveryLog;
import io.billhook.core.endpoints.Endpoint;
import io.billhook.core.endpoints.EndpointStore;
import io.billhook.core.events.Envelope;
import io.billhook.core.events.EventStore;
import io.billhook.core.events.StrictJsonParser;
import io.billhook.core.refusals.Refusal;
import io.billhook.core.testing.Endpoints;
import io.billhook.core.testing.TestDatabase;
import io.billhook.workflows.delivery.DeliveryRequest;
import io.billhook.workflows.delivery.DeliveryStatus;
import io.billhook.workflows.delivery.DeliveryTarget;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An endpoint's stats count what happened in the window, from the delivery log as recorded. */
class EndpointHealthTest {
  private static final String VENDOR = "v1";

  private final EndpointStore endpoints = Endpoints.store(TestDatabase.jdbc());
  private final EventStore events =
      new EventStore(TestDatabase.jdbc(), TestDatabase.transactions(), Endpoints.DATA);
  private final DeliveryLog log = new DeliveryLog(TestDatabase.jdbc(), Endpoints.DATA);
  private final EndpointHealth health = new EndpointHealth(TestDatabase.jdbc(), endpoints);
  private Endpoint endpoint;

  @BeforeEach
  void empty() {
    TestDatabase.clear();
    TestDatabase.jdbc().sql("TRUNCATE endpoint_failures").update();
    endpoint = Endpoints.create(endpoints, VENDOR, "http://127.0.0.1:9/hook");
  }

  @Test
  void countsOutcomesRatesThemAndTakesTheLatencyPercentilesOfTheAttempts() {
    deliver("evt_1", DeliveryStatus.SUCCEEDED, 200, 10);
    deliver("evt_2", DeliveryStatus.SUCCEEDED, 500, 20, 200, 30);
    deliver("evt_3", DeliveryStatus.FAILED, 503, 40);
    deliver("evt_4", DeliveryStatus.PENDING);

    EndpointStats stats =
        health.stats(VENDOR, endpoint.id(), Instant.now().minus(Duration.ofHours(1)));

    assertThat(stats.deliveries()).isEqualTo(new EndpointStats.Deliveries(2, 1, 1));
    assertThat(stats.attempts()).isEqualTo(new EndpointStats.Attempts(4, 2, 2));
    assertThat(stats.successRate()).isEqualTo(0.6667);
    assertThat(stats.latencyMs()).isEqualTo(new EndpointStats.Latency(25.0, 38.5));
    assertThat(stats.failingSince()).isNotNull();
  }

  @Test
  void whatEndedBeforeTheWindowIsLeftOutButPendingDeliveriesAlwaysCount() {
    deliver("evt_old", DeliveryStatus.SUCCEEDED, 200, 10);
    deliver("evt_waiting", DeliveryStatus.PENDING);
    TestDatabase.jdbc()
        .sql("UPDATE deliveries SET updated_at = ?")
        .params(Timestamp.from(Instant.now().minus(Duration.ofDays(2))))
        .update();
    TestDatabase.jdbc()
        .sql("UPDATE attempts SET at = ?")
        .params(Timestamp.from(Instant.now().minus(Duration.ofDays(2))))
        .update();

    EndpointStats stats =
        health.stats(VENDOR, endpoint.id(), Instant.now().minus(Duration.ofDays(1)));

    assertThat(stats.deliveries()).isEqualTo(new EndpointStats.Deliveries(0, 0, 1));
    assertThat(stats.attempts()).isEqualTo(new EndpointStats.Attempts(0, 0, 0));
    assertThat(stats.successRate()).isNull();
    assertThat(stats.latencyMs()).isEqualTo(new EndpointStats.Latency(null, null));
    assertThat(stats.failingSince()).isNull();
  }

  @Test
  void anotherVendorsEndpointAndAFutureSinceAreRefused() {
    assertThatThrownBy(() -> health.stats("v2", endpoint.id(), Instant.now()))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.NOT_FOUND));
    assertThatThrownBy(() -> health.stats(VENDOR, endpoint.id(), Instant.now().plusSeconds(60)))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.INVALID))
        .hasMessageContaining("since must not be in the future");
  }

  /** Stores the event's delivery to the endpoint, its attempts (code, ms, ...) and its status. */
  private void deliver(String eventId, DeliveryStatus status, int... attempts) {
    events.insert(
        VENDOR,
        Envelope.of(eventId, "payment.received", Instant.now(), StrictJsonParser.parse("{}")),
        List.of(new DeliveryTarget(endpoint.id(), endpoint.url())));
    DeliveryRequest request =
        new DeliveryRequest(VENDOR, eventId, "payment.received", endpoint.id(), "{}", 11, null, 1);
    for (int i = 0; i < attempts.length; i += 2) {
      AttemptOutcome outcome =
          new AttemptOutcome(
              Instant.now(),
              endpoint.url(),
              attempts[i],
              attempts[i + 1],
              null,
              null,
              Optional.empty(),
              false);
      log.recordAttempt(request, i / 2 + 1, outcome);
    }
    if (status != DeliveryStatus.PENDING) {
      log.finish(request, status);
    }
  }
}
