package io.billhook.core.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two signatures on every delivery (docs/receivers.md, "Headers"): the hex HMAC of the body
 * keyed with the whole secret string, and the Standard Webhooks {@code v1,} signatures.
 */
public final class WebhookSigner {
  private static final String SECRET_PREFIX = "whsec_";

  private WebhookSigner() {}

  /** {@code X-Webhook-Signature}: lowercase hex HMAC-SHA256 of the body, key = secret's UTF-8. */
  public static String hexSignature(String secret, String body) {
    return HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
  }

  /**
   * {@code webhook-signature}: one {@code v1,<base64>} per secret, space-separated, over {@code
   * id.timestamp.body}, keyed with the base64-decoded part of the secret after {@code whsec_}.
   */
  public static String standardSignatures(
      List<String> secrets, String eventId, long timestamp, String body) {
    String signed = eventId + "." + timestamp + "." + body;
    return secrets.stream()
        .map(secret -> "v1," + Base64.getEncoder().encodeToString(hmac(keyOf(secret), signed)))
        .collect(Collectors.joining(" "));
  }

  private static byte[] keyOf(String secret) {
    String encoded =
        secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
    return Base64.getDecoder().decode(encoded);
  }

  private static byte[] hmac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
