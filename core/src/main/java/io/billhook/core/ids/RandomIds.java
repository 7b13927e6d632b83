package io.billhook.core.ids;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable ids and secrets: a prefix plus url-safe base64 of random bytes. */
public final class RandomIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private RandomIds() {}

  /**
   * {@code prefix} + 24 url-safe characters (18 random bytes), e.g. {@code evt_...}, {@code
   * ep_...}.
   */
  public static String newId(String prefix) {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A signing secret: {@code whsec_} + standard base64 of 32 random bytes (Standard Webhooks). */
  public static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "whsec_" + Base64.getEncoder().encodeToString(bytes);
  }
}
