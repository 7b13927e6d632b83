package io.billhook.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.core.endpoints.Endpoint;
import io.billhook.core.endpoints.EndpointStore;
import io.billhook.core.events.Envelope;
import io.billhook.core.events.EventStore;
import io.billhook.core.testing.Endpoints;
import io.billhook.core.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Customer data written before encryption at rest, or under an older key, is encrypted under the
 * current key at start and reads as before.
 */
class DataAtRestTest {
  private static final String K1 = SecretKeys.generate("k1");
  private static final String K2 = SecretKeys.generate("k2");
  private static final String BODY = "{\"id\":\"evt_1\",\"data\":{\"email\":\"jane@example.com\"}}";
  private static final Map<String, String> HEADERS = Map.of("Authorization", "Bearer rcv_token");

  private final JdbcClient jdbc = TestDatabase.jdbc();

  @BeforeEach
  void empty() {
    TestDatabase.clear();
  }

  @Test
  void plainDataIsEncryptedAtStartAndAgainAfterAKeyRotation() {
    SecretCipher k1 = start(K1);
    EventStore events = accepted(k1, "evt_1");
    EndpointStore endpoints = new EndpointStore(jdbc, k1);
    Endpoint e = Endpoints.create(endpoints, "acme", "http://127.0.0.1:9/a");
    endpoints.update(e.toBuilder().setHeaders(HEADERS).build());
    jdbc.sql("UPDATE events SET body = ?").param(BODY).update();
    jdbc.sql("UPDATE endpoints SET headers = '{\"Authorization\": \"Bearer rcv_token\"}'").update();

    start(K1);
    assertThat(dump()).doesNotContain("jane@example.com", "rcv_token").contains("v1:k1:");
    assertThat(events.body("acme", "evt_1")).contains(BODY);

    SecretCipher k2 = start(K2, K1);
    assertThat(dump()).doesNotContain("v1:k1:", "jane@example.com", "rcv_token").contains("v1:k2:");
    SecretCipher onlyK2 = start(K2);
    assertThat(events(onlyK2).body("acme", "evt_1")).contains(BODY);
    assertThat(new EndpointStore(jdbc, k2).find("acme", e.id()).orElseThrow().headers())
        .isEqualTo(HEADERS);
  }

  @Test
  void aRowThatCannotBeDecryptedIsLeftAsItIs() {
    accepted(start(K1), "evt_1", "evt_2");
    jdbc.sql(
            "UPDATE events SET body = (SELECT body FROM events WHERE id = 'evt_1') WHERE id = 'evt_2'")
        .update();
    String copied = body("evt_2");

    start(K2, K1);
    assertThat(body("evt_2")).isEqualTo(copied);
    assertThat(body("evt_1")).startsWith("v1:k2:");
  }

  /** What a start does with these keys: checks them and re-encrypts. */
  private SecretCipher start(String... keys) {
    SecretCipher cipher = new SecretCipher(SecretKeys.parse(List.of(keys), SecretKeys.SETTING));
    SecretsAtRest secrets = new SecretsAtRest(jdbc, cipher);
    secrets.afterPropertiesSet();
    new DataAtRest(jdbc, cipher, secrets).afterPropertiesSet();
    return cipher;
  }

  /** A store under {@code cipher} holding these events, accepted. */
  private EventStore accepted(SecretCipher cipher, String... ids) {
    EventStore events = events(cipher);
    for (String id : ids) {
      events.insert("acme", new Envelope(id, "payment.received", Instant.now(), BODY), List.of());
    }
    return events;
  }

  private EventStore events(SecretCipher cipher) {
    return new EventStore(jdbc, TestDatabase.transactions(), new StoredData(cipher));
  }

  private String dump() {
    return jdbc.sql(
            "SELECT string_agg(t::text, ' ') FROM (SELECT body AS v FROM events"
                + " UNION ALL SELECT headers::text FROM endpoints) t")
        .query(String.class)
        .single();
  }

  private String body(String id) {
    return jdbc.sql("SELECT body FROM events WHERE id = ?").param(id).query(String.class).single();
  }
}
