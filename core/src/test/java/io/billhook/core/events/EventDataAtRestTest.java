package io.billhook.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billhook.core.delivery.AttemptOutcome;
import io.billhook.core.delivery.DeliveryLog;
import io.billhook.core.refusals.Refusal;
import io.billhook.core.secrets.SecretCipher;
import io.billhook.core.secrets.SecretKeys;
import io.billhook.core.secrets.StoredData;
import io.billhook.core.testing.Endpoints;
import io.billhook.core.testing.TestDatabase;
import io.billhook.workflows.delivery.DeliveryRequest;
import io.billhook.workflows.delivery.DeliveryTarget;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An event's envelope as PostgreSQL holds it: encrypted and bound to its row; read back byte for
 * byte; plain rows written before still read; a copied or undecryptable one is never sent.
 */
class EventDataAtRestTest {
  private static final String VENDOR = "acme";
  private static final String EMAIL = "jane.doe@example.com";
  private static final String PASSWORD = "iptv-pa55w0rd";
  private static final String BODY =
      "{\"id\":\"evt_1\",\"type\":\"payment.received\",\"timestamp\":\"2026-03-29T14:32:00Z\","
          + "\"data\":{\"email\":\""
          + EMAIL
          + "\",\"password\":\""
          + PASSWORD
          + "\",\"note\":\"caf\\u00e9 \u00e9\u6f22 \uD83D\uDE00\",\"amount\":1e2}}";

  private final JdbcClient jdbc = TestDatabase.jdbc();
  private final EventStore events =
      new EventStore(jdbc, TestDatabase.transactions(), Endpoints.DATA);

  @BeforeEach
  void empty() {
    TestDatabase.clear();
  }

  @Test
  void theRowHoldsNoCustomerDataAndReadsBackByteForByte() {
    accept("evt_1", BODY);

    String row = jdbc.sql("SELECT e::text FROM events e").query(String.class).single();
    assertThat(row).doesNotContain(EMAIL).doesNotContain(PASSWORD).doesNotContain("caf");
    assertThat(storedBody("evt_1")).startsWith("v1:test:");

    assertThat(events.body(VENDOR, "evt_1")).contains(BODY);
    assertThat(events.find(VENDOR, "evt_1").orElseThrow().envelope().body()).isEqualTo(BODY);
    assertThat(events.list(VENDOR, null, null, null, 10))
        .singleElement()
        .satisfies(e -> assertThat(e.envelope().body()).isEqualTo(BODY));
  }

  @Test
  void aPlainBodyWrittenBeforeEncryptionStillReads() {
    accept("evt_1", BODY);
    jdbc.sql("UPDATE events SET body = ? WHERE id = 'evt_1'").param(BODY).update();

    assertThat(events.body(VENDOR, "evt_1")).contains(BODY);
    assertThat(events.find(VENDOR, "evt_1").orElseThrow().envelope().body()).isEqualTo(BODY);
  }

  @Test
  void aBodyCopiedToAnotherEventIsNeverSentAndTheApiRefusesIt() {
    accept("evt_1", BODY);
    accept("evt_2", BODY.replace("evt_1", "evt_2"));
    jdbc.sql("UPDATE events SET body = ? WHERE id = 'evt_2'").param(storedBody("evt_1")).update();

    assertThatThrownBy(() -> events.body(VENDOR, "evt_2"))
        .isInstanceOf(SecretCipher.Unreadable.class)
        .hasMessageNotContaining(EMAIL);
    assertThatThrownBy(() -> new StoredBodies(events).of(VENDOR, "evt_2", null))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(StoredBodies.UNREADABLE);
              assertThat(f.isNonRetryable()).as("the attempt is retried").isFalse();
            });
    assertThatThrownBy(() -> events.find(VENDOR, "evt_2"))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.CONFLICT))
        .hasMessageContaining("event evt_2 cannot be read");
    assertThat(events.body(VENDOR, "evt_1")).as("the original still reads").contains(BODY);
  }

  @Test
  void aBodyUnderAKeyNotConfiguredIsRefused() {
    accept("evt_1", BODY);
    SecretKeys other = SecretKeys.parse(List.of(SecretKeys.generate("other")), "another key");
    EventStore elsewhere =
        new EventStore(jdbc, TestDatabase.transactions(), new StoredData(new SecretCipher(other)));

    assertThatThrownBy(() -> elsewhere.body(VENDOR, "evt_1"))
        .isInstanceOf(SecretCipher.Unreadable.class)
        .hasMessageContaining("not configured");
    assertThatThrownBy(() -> elsewhere.list(VENDOR, null, null, null, 10))
        .isInstanceOf(Refusal.class);
  }

  @Test
  void aResponseExcerptIsStoredEncryptedAndOneCopiedToAnotherAttemptShowsNone() {
    accept("evt_1", BODY);
    DeliveryLog log = new DeliveryLog(jdbc, Endpoints.DATA);
    DeliveryRequest request =
        new DeliveryRequest(VENDOR, "evt_1", "payment.received", "ep_1", "{}", 5, null, 1);
    AttemptOutcome echoed =
        new AttemptOutcome(
            Instant.now(),
            "http://127.0.0.1:9/",
            500,
            3,
            "echo " + EMAIL,
            null,
            Optional.empty(),
            false);
    log.recordAttempt(request, 1, echoed);
    log.recordAttempt(request, 2, echoed);
    assertThat(
            jdbc.sql("SELECT string_agg(a::text, ' ') FROM attempts a")
                .query(String.class)
                .single())
        .doesNotContain(EMAIL);
    jdbc.sql(
            "UPDATE attempts SET response_excerpt ="
                + " (SELECT response_excerpt FROM attempts WHERE attempt = 1) WHERE attempt = 2")
        .update();

    assertThat(log.attemptsOfEvent(VENDOR, "evt_1"))
        .extracting(DeliveryLog.Attempt::responseExcerpt)
        .containsExactly("echo " + EMAIL, null);
  }

  private void accept(String id, String body) {
    Envelope envelope = new Envelope(id, "payment.received", Instant.now(), body);
    assertThat(
            events.insert(
                VENDOR, envelope, List.of(new DeliveryTarget("ep_1", "http://127.0.0.1:9/", 0))))
        .isTrue();
  }

  private String storedBody(String id) {
    return jdbc.sql("SELECT body FROM events WHERE id = ?").param(id).query(String.class).single();
  }
}
