package io.billhook.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billhook.core.delivery.WebhookSigner;
import io.billhook.core.endpoints.Endpoint;
import io.billhook.core.endpoints.EndpointStore;
import io.billhook.core.refusals.Refusal;
import io.billhook.core.testing.Endpoints;
import io.billhook.core.testing.TestDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Endpoint secrets as PostgreSQL holds them: encrypted and bound to their row, re-encrypted at
 * start after a key rotation or from plain text, and refused at start under a wrong or missing key.
 */
class SecretsAtRestTest {
  private static final String K1 = SecretKeys.generate("k1");
  private static final String K2 = SecretKeys.generate("k2");
  private static final String BODY = "{\"id\":\"evt_1\"}";

  private final JdbcClient jdbc = TestDatabase.jdbc();
  private Instant now;

  @BeforeEach
  void setUp() {
    TestDatabase.clear();
    now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  @Test
  void theTableHoldsCiphertextThatDecryptsOnlyForItsOwnEndpoint() {
    EndpointStore store = start(K1);
    Endpoint a = Endpoints.create(store, "acme", "http://localhost:9/a");
    Endpoint b = Endpoints.create(store, "acme", "http://localhost:9/b");

    String stored = storedSecret(a);
    assertThat(stored).startsWith("v1:k1:").doesNotContain(a.secret());
    assertThat(store.find("acme", a.id()).orElseThrow().secret()).isEqualTo(a.secret());

    // Copied onto another endpoint, it does not decrypt: that endpoint's secret is unreadable.
    jdbc.sql("UPDATE endpoints SET secret = ? WHERE id = ?").params(stored, b.id()).update();
    Endpoint copied = store.find("acme", b.id()).orElseThrow();
    assertThat(copied.secret()).isNull();
    assertThat(copied.url()).as("the rest of the endpoint still reads").endsWith("/b");
    assertThatThrownBy(copied::readableSecret)
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.CONFLICT))
        .hasMessageContaining("rotate it");
    assertThatThrownBy(() -> copied.signingSecrets(now)).isInstanceOf(Refusal.class);
  }

  @Test
  void aRotationAfterTamperingGivesTheEndpointAReadableSecretAgain() {
    EndpointStore store = start(K1);
    Endpoint a = Endpoints.create(store, "acme", "http://localhost:9/a");
    jdbc.sql("UPDATE endpoints SET secret = overlay(secret placing 'AAAA' from 10) WHERE id = ?")
        .param(a.id())
        .update();
    assertThat(store.find("acme", a.id()).orElseThrow().secret()).isNull();

    store.rotateSecret("acme", a.id(), "whsec_fresh", now, now.plus(Duration.ofHours(1)));

    Endpoint rotated = store.find("acme", a.id()).orElseThrow();
    assertThat(rotated.readableSecret()).isEqualTo("whsec_fresh");
    assertThat(rotated.signingSecrets(now))
        .as("the altered one signs nothing")
        .containsExactly("whsec_fresh");
  }

  @Test
  void plainTextSecretsFromBeforeAreEncryptedAtStartAndSignAsBefore() {
    Endpoint old = Endpoints.create(start(K1), "acme", "http://localhost:9/a");
    String plain = old.secret();
    jdbc.sql("UPDATE endpoints SET secret = ? WHERE id = ?").params(plain, old.id()).update();
    retire(old, "whsec_retired", now.plusSeconds(3600));
    retire(old, "whsec_expired", now.minusSeconds(1));

    EndpointStore store = start(K1);

    assertThat(storedSecret(old)).startsWith("v1:k1:").doesNotContain(plain);
    assertThat(retiredSecrets())
        .as("the expired one forgotten")
        .singleElement()
        .satisfies(s -> assertThat(s).startsWith("v1:k1:"));
    assertThat(dump()).contains("v1:k1:").doesNotContain(plain).doesNotContain("whsec_");
    Endpoint read = store.find("acme", old.id()).orElseThrow();
    assertThat(read.signingSecrets(now)).containsExactly(plain, "whsec_retired");
    assertThat(WebhookSigner.hexSignature(read.legacySigningSecret(now), BODY))
        .isEqualTo(WebhookSigner.hexSignature("whsec_retired", BODY));
  }

  @Test
  void aNewKeyPutFirstReEncryptsEverythingAndOldEndpointsKeepSigning() {
    EndpointStore before = start(K1);
    Endpoint a = Endpoints.create(before, "acme", "http://localhost:9/a");
    before.rotateSecret("acme", a.id(), "whsec_new", now, now.plus(Duration.ofHours(1)));
    List<String> secrets = before.find("acme", a.id()).orElseThrow().signingSecrets(now);

    EndpointStore after = start(K2, K1);

    assertThat(storedSecret(a)).startsWith("v1:k2:");
    assertThat(retiredSecrets()).singleElement().satisfies(s -> assertThat(s).startsWith("v1:k2:"));
    assertThat(after.find("acme", a.id()).orElseThrow().signingSecrets(now)).isEqualTo(secrets);
    // Once everything is under k2, k1 may go.
    assertThat(start(K2).find("acme", a.id()).orElseThrow().signingSecrets(now)).isEqualTo(secrets);
  }

  @Test
  void aStartWithoutTheKeyTheSecretsAreStoredUnderIsRefused() {
    Endpoints.create(start(K1), "acme", "http://localhost:9/a");

    assertThatThrownBy(() -> start(K2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stored under key ids [k1]")
        .hasMessageContaining("BILLHOOK_SECRET_KEYS");
  }

  @Test
  void aDifferentKeyUnderAnIdAlreadyUsedIsRefusedAtStart() {
    Endpoints.create(start(K1), "acme", "http://localhost:9/a");
    String impostor = SecretKeys.generate("k1");

    assertThatThrownBy(() -> start(impostor))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "Key k1 of BILLHOOK_SECRET_KEYS is not the key first used under that id")
        .hasMessageNotContaining(impostor.substring(3));
    assertThatThrownBy(() -> start(K2, impostor)).hasMessageContaining("Key k1");
  }

  @Test
  void anAlteredSecretUnderAnOldKeyDoesNotStopTheStart() {
    Endpoint a = Endpoints.create(start(K1), "acme", "http://localhost:9/a");
    Endpoint b = Endpoints.create(start(K1), "acme", "http://localhost:9/b");
    jdbc.sql("UPDATE endpoints SET secret = overlay(secret placing 'AAAA' from 10) WHERE id = ?")
        .param(a.id())
        .update();

    EndpointStore store = start(K2, K1);

    assertThat(store.find("acme", b.id()).orElseThrow().secret()).isEqualTo(b.secret());
    assertThat(store.find("acme", a.id()).orElseThrow().secret()).isNull();
    assertThat(storedSecret(a)).as("left as it is").startsWith("v1:k1:");
  }

  /** What a start does with these keys: checks and re-encrypts, then serves a store. */
  private EndpointStore start(String... keys) {
    SecretKeys configured = SecretKeys.parse(List.of(keys), SecretKeys.SETTING);
    SecretCipher cipher = new SecretCipher(configured);
    new SecretsAtRest(jdbc, cipher).afterPropertiesSet();
    return new EndpointStore(jdbc, cipher);
  }

  /** A rotated-out secret in plain text, as stored before encryption at rest. */
  private void retire(Endpoint e, String secret, Instant validUntil) {
    jdbc.sql(
            "INSERT INTO endpoint_retired_secrets (vendor_id, endpoint_id, secret, retired_at,"
                + " valid_until) VALUES ('acme', ?, ?, ?, ?)")
        .params(e.id(), secret, Timestamp.from(now), Timestamp.from(validUntil))
        .update();
  }

  private String storedSecret(Endpoint e) {
    return jdbc.sql("SELECT secret FROM endpoints WHERE id = ?")
        .param(e.id())
        .query(String.class)
        .single();
  }

  private List<String> retiredSecrets() {
    return jdbc.sql("SELECT secret FROM endpoint_retired_secrets").query(String.class).list();
  }

  /** Both tables as text, as a dump would hold them. */
  private String dump() {
    return jdbc.sql(
            "SELECT coalesce(string_agg(e::text, ' '), '') || coalesce((SELECT string_agg(r::text,"
                + " ' ') FROM endpoint_retired_secrets r), '') FROM endpoints e")
        .query(String.class)
        .single();
  }
}
