package io.billhook.core.secrets;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption keys that protect endpoint secrets at rest, each {@code id=base64} (32 random
 * bytes, AES-256). The first one encrypts; all of them decrypt, so a new key can be put first while
 * the old ones stay for what they encrypted.
 */
public final class SecretKeys {
  /** The environment variable (and property {@code billhook.secret-keys}) that holds the keys. */
  public static final String SETTING = "BILLHOOK_SECRET_KEYS";

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,32}");
  private static final int KEY_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, SecretKey> keys;
  private final String current;

  private SecretKeys(Map<String, SecretKey> keys) {
    this.keys = Collections.unmodifiableMap(keys);
    this.current = keys.keySet().iterator().next();
  }

  /**
   * The keys in {@code entries}, newest first. A malformed entry stops the start; the message names
   * the entry by position and id only, never its key.
   *
   * @param source where the entries come from, for the message
   */
  public static SecretKeys parse(List<String> entries, String source) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    int position = 0;
    for (String raw : entries) {
      position++;
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int eq = entry.indexOf('=');
      String id = eq < 0 ? "" : entry.substring(0, eq).strip();
      if (!ID.matcher(id).matches()) {
        throw refused(
            source, position, "is not id=base64 with an id of 1 to 32 letters, digits, -");
      }
      if (keys.containsKey(id)) {
        throw refused(source, position, "repeats the key id " + id);
      }
      keys.put(id, key(entry.substring(eq + 1).strip(), source, position));
    }
    if (keys.isEmpty()) {
      throw new IllegalStateException(source + " holds no key; expected id=base64, ...");
    }
    return new SecretKeys(keys);
  }

  /** A new key entry, {@code id=base64}, for a data dir that has none yet. */
  public static String generate(String id) {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return id + "=" + Base64.getEncoder().encodeToString(key);
  }

  /** The id of the key that encrypts. */
  public String current() {
    return current;
  }

  public Set<String> ids() {
    return keys.keySet();
  }

  /** The key with this id, or null. */
  public SecretKey key(String id) {
    return keys.get(id);
  }

  private static SecretKey key(String base64, String source, int position) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw refused(source, position, "is not valid base64");
    }
    if (bytes.length != KEY_BYTES) {
      throw refused(
          source,
          position,
          "decodes to " + bytes.length + " bytes, not 32; make one with: openssl rand -base64 32");
    }
    return new SecretKeySpec(bytes, "AES");
  }

  private static IllegalStateException refused(String source, int position, String why) {
    return new IllegalStateException("Key " + position + " of " + source + " " + why);
  }

  @Override
  public String toString() {
    return "SecretKeys" + keys.keySet();
  }
}
