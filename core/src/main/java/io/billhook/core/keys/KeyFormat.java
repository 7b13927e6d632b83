package io.billhook.core.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a vendor API key looks like: {@code bhk_}, a 16-character lookup part that is not secret
 * (the key's id is {@code key_} and the same part), then 43 characters of secret (32 random bytes).
 * The parts have fixed lengths, so a key is read without a separator.
 */
final class KeyFormat {
  static final String KEY_PREFIX = "bhk_";
  static final String ID_PREFIX = "key_";
  private static final int LOOKUP = 16;
  private static final int SECRET = 43;
  private static final int SHOWN = 8;
  private static final Pattern KEY =
      Pattern.compile(KEY_PREFIX + "[A-Za-z0-9_-]{" + (LOOKUP + SECRET) + "}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

  private KeyFormat() {}

  /** A fresh key: 96 random bits of lookup part and 256 of secret. */
  static String newKey() {
    return KEY_PREFIX + BASE64.encodeToString(random(12)) + BASE64.encodeToString(random(32));
  }

  /** The id of the key, if {@code presented} has the shape of one; nothing is looked up. */
  static Optional<String> idOf(String presented) {
    if (presented == null || presented.length() > 200 || !KEY.matcher(presented).matches()) {
      return Optional.empty();
    }
    return Optional.of(
        ID_PREFIX + presented.substring(KEY_PREFIX.length(), KEY_PREFIX.length() + LOOKUP));
  }

  /** The first characters of the key, enough to recognise it and far from enough to use it. */
  static String shownPrefix(String keyId) {
    return KEY_PREFIX + keyId.substring(ID_PREFIX.length(), ID_PREFIX.length() + SHOWN);
  }

  static byte[] hash(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Constant-time, so response timing does not tell how much of a guess was right. */
  static boolean matches(String presented, byte[] storedHash) {
    return MessageDigest.isEqual(hash(presented), storedHash);
  }

  private static byte[] random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return value;
  }
}
