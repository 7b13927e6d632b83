package io.billhook.workflows.lifecycle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Deterministic ids for generated events: {@code evt_} + 24 url-safe characters of a SHA-256 of
 * vendor, entity and type. Each timed type fires at most once per entity, so this is unique.
 */
public final class GeneratedEventIds {
  private GeneratedEventIds() {}

  public static String of(String vendorId, String entityKey, String type) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((vendorId + "\n" + entityKey + "\n" + type).getBytes(StandardCharsets.UTF_8));
      return "evt_"
          + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
