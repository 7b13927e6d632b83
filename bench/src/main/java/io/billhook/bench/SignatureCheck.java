package io.billhook.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a delivery the way a receiver would (docs/receivers.md, "Headers"), written
 * independently of Billhook's signer: {@code X-Webhook-Signature} is the hex HMAC-SHA256 of the
 * body keyed with the secret's UTF-8 bytes; {@code webhook-signature} holds {@code v1,} + base64
 * HMAC-SHA256 of {@code id.timestamp.body} keyed with the base64-decoded secret after whsec_.
 */
final class SignatureCheck {
  private SignatureCheck() {}

  static boolean valid(
      String secret, byte[] body, String hex, String id, String timestamp, String standard) {
    if (hex == null || id == null || timestamp == null || standard == null) {
      return false;
    }
    byte[] expectedHex =
        HexFormat.of()
            .formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body))
            .getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expectedHex, hex.getBytes(StandardCharsets.US_ASCII))) {
      return false;
    }
    byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    byte[] signed = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, signed, 0, prefix.length);
    System.arraycopy(body, 0, signed, prefix.length, body.length);
    byte[] expected = ("v1," + Base64.getEncoder().encodeToString(hmac(key, signed))).getBytes();
    for (String candidate : standard.split(" ")) {
      if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII))) {
        return true;
      }
    }
    return false;
  }

  private static byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
