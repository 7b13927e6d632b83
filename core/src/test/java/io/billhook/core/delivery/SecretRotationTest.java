package io.billhook.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.billhook.core.endpoints.Endpoint;
import io.billhook.core.endpoints.EndpointStore;
import io.billhook.core.ids.RandomIds;
import io.billhook.core.testing.Endpoints;
import io.billhook.core.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Secret rotation as receivers see it, checked with the Standard Webhooks library and a plain HMAC
 * (what an Express receiver computes): every rotated-out secret keeps working for its own overlap;
 * {@code X-Webhook-Signature} uses the oldest secret still valid.
 */
class SecretRotationTest {
  private static final String BODY = "{\"id\":\"evt_1\",\"type\":\"payment.received\"}";

  /** The Standard Webhooks library's verification of {@code webhook-signature}. */
  private static final String STANDARD = "webhook-signature";

  /** A plain HMAC of the body, hex, against {@code X-Webhook-Signature}. */
  private static final String HEX = "X-Webhook-Signature";

  private EndpointStore store;
  private Instant t0;

  @BeforeEach
  void setUp() {
    TestDatabase.clear();
    store = Endpoints.store(TestDatabase.jdbc());
    t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  @Test
  void aReceiverWithTheOldSecretKeepsWorkingThroughTheOverlapOnBothHeaders() {
    Endpoint endpoint = Endpoints.create(store, "acme", "http://localhost:9/x");
    String old = endpoint.secret();
    String fresh = rotate(endpoint, t0, Duration.ofHours(24));

    Map<String, List<String>> during = headers(endpoint, t0.plus(Duration.ofHours(23)));
    assertThat(checksPassed(old, during)).containsExactly(STANDARD, HEX);
    assertThat(checksPassed(fresh, during)).containsExactly(STANDARD);
    assertThat(signatures(during)).hasSize(2);

    Map<String, List<String>> after = headers(endpoint, t0.plus(Duration.ofHours(24)));
    assertThat(checksPassed(old, after)).isEmpty();
    assertThat(checksPassed(fresh, after)).containsExactly(STANDARD, HEX);
  }

  @Test
  void aSecondRotationKeepsTheFirstOldSecretUntilItsOwnExpiry() {
    Endpoint endpoint = Endpoints.create(store, "acme", "http://localhost:9/x");
    String s0 = endpoint.secret();
    String s1 = rotate(endpoint, t0, Duration.ofHours(24));
    String s2 = rotate(endpoint, t0.plus(Duration.ofHours(1)), Duration.ofHours(2));

    Map<String, List<String>> all = headers(endpoint, t0.plus(Duration.ofHours(2)));
    assertThat(signatures(all)).hasSize(3);
    assertThat(checksPassed(s0, all))
        .as("hex: the oldest secret still valid")
        .containsExactly(STANDARD, HEX);
    assertThat(checksPassed(s1, all)).containsExactly(STANDARD);
    assertThat(checksPassed(s2, all)).containsExactly(STANDARD);

    Map<String, List<String>> s1Expired = headers(endpoint, t0.plus(Duration.ofHours(4)));
    assertThat(checksPassed(s0, s1Expired)).containsExactly(STANDARD, HEX);
    assertThat(checksPassed(s1, s1Expired)).isEmpty();
    assertThat(checksPassed(s2, s1Expired)).containsExactly(STANDARD);

    Map<String, List<String>> allExpired = headers(endpoint, t0.plus(Duration.ofHours(25)));
    assertThat(signatures(allExpired)).hasSize(1);
    assertThat(checksPassed(s2, allExpired)).containsExactly(STANDARD, HEX);
  }

  @Test
  void aZeroOverlapRetiresTheOldSecretAtOnce() {
    Endpoint endpoint = Endpoints.create(store, "acme", "http://localhost:9/x");
    String old = endpoint.secret();
    String fresh = rotate(endpoint, t0, Duration.ZERO);

    Map<String, List<String>> now = headers(endpoint, t0);
    assertThat(checksPassed(old, now)).isEmpty();
    assertThat(checksPassed(fresh, now)).containsExactly(STANDARD, HEX);
  }

  @Test
  void deletingAnEndpointForgetsItsRetiredSecrets() {
    Endpoint endpoint = Endpoints.create(store, "acme", "http://localhost:9/x");
    rotate(endpoint, t0, Duration.ofHours(24));

    store.delete("acme", endpoint.id());

    assertThat(
            TestDatabase.jdbc()
                .sql("SELECT count(*) FROM endpoint_retired_secrets")
                .query(Long.class)
                .single())
        .isZero();
  }

  private String rotate(Endpoint endpoint, Instant at, Duration overlap) {
    String next = RandomIds.newSecret();
    assertThat(store.rotateSecret("acme", endpoint.id(), next, at, at.plus(overlap))).isTrue();
    return next;
  }

  /**
   * The headers of a delivery whose secrets are chosen at {@code at}; the timestamp is now, so that
   * the Standard Webhooks verifier's freshness check passes.
   */
  private Map<String, List<String>> headers(Endpoint endpoint, Instant at) {
    Endpoint fresh = store.find("acme", endpoint.id()).orElseThrow();
    long timestamp = Instant.now().getEpochSecond();
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.put("webhook-id", List.of("evt_1"));
    headers.put("webhook-timestamp", List.of(Long.toString(timestamp)));
    headers.put(
        "webhook-signature",
        List.of(
            WebhookSigner.standardSignatures(fresh.signingSecrets(at), "evt_1", timestamp, BODY)));
    headers.put(
        "X-Webhook-Signature",
        List.of(WebhookSigner.hexSignature(fresh.legacySigningSecret(at), BODY)));
    return headers;
  }

  /** The checks a receiver holding {@code secret} passes: {@link #STANDARD}, {@link #HEX}. */
  private static List<String> checksPassed(String secret, Map<String, List<String>> headers) {
    List<String> passed = new ArrayList<>();
    if (standardValid(secret, headers)) {
      passed.add(STANDARD);
    }
    if (hexValid(secret, headers)) {
      passed.add(HEX);
    }
    return passed;
  }

  /** The signatures in {@code webhook-signature}, one per secret still valid. */
  private static String[] signatures(Map<String, List<String>> headers) {
    return headers.get("webhook-signature").get(0).split(" ");
  }

  private static boolean standardValid(String secret, Map<String, List<String>> headers) {
    try {
      new Webhook(secret).verify(BODY, headers);
      return true;
    } catch (WebhookVerificationException e) {
      return false;
    } catch (com.standardwebhooks.exceptions.EmptyWebhookSecretException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the Express example does: HMAC-SHA256 keyed with the whole secret string, hex. */
  private static boolean hexValid(String secret, Map<String, List<String>> headers) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String expected =
          HexFormat.of().formatHex(mac.doFinal(BODY.getBytes(StandardCharsets.UTF_8)));
      return expected.equals(headers.get("X-Webhook-Signature").get(0));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
