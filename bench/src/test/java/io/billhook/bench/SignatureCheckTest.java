package io.billhook.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.billhook.core.delivery.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureCheckTest {
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String OTHER = "whsec_dGhpcyBpcyBhbm90aGVyIHNlY3JldCBrZXkhIQ==";
  private static final String BODY = "{\"id\":\"evt_1\",\"type\":\"payment.received\",\"data\":{}}";

  @Test
  void acceptsWhatBillhooksSignerSigns() {
    assertTrue(check(SECRET, BODY, List.of(SECRET)));
  }

  @Test
  void acceptsAnyOfTheSignaturesOfARotation() {
    String hex = WebhookSigner.hexSignature(SECRET, BODY);
    String both =
        WebhookSigner.standardSignatures(List.of(OTHER, SECRET), "evt_1", 1700000000L, BODY);
    assertTrue(SignatureCheck.valid(SECRET, bytes(BODY), hex, "evt_1", "1700000000", both));
  }

  @Test
  void refusesATamperedBody() {
    String hex = WebhookSigner.hexSignature(SECRET, BODY);
    String standard = WebhookSigner.standardSignatures(List.of(SECRET), "evt_1", 1700000000L, BODY);
    assertFalse(
        SignatureCheck.valid(SECRET, bytes(BODY + " "), hex, "evt_1", "1700000000", standard));
  }

  @Test
  void refusesASignatureMadeWithAnotherSecret() {
    assertFalse(check(SECRET, BODY, List.of(OTHER)));
  }

  private static boolean check(String secret, String body, List<String> signingSecrets) {
    String hex = WebhookSigner.hexSignature(signingSecrets.get(0), body);
    String standard = WebhookSigner.standardSignatures(signingSecrets, "evt_1", 1700000000L, body);
    return SignatureCheck.valid(secret, bytes(body), hex, "evt_1", "1700000000", standard);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
