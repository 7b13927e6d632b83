package io.billhook.core.secrets;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Endpoint secrets as {@link SecretCipher} decrypted them lately, so that an endpoint's attempts do
 * not each run AES-GCM again. An entry is found only by the stored value and its binding together:
 * a rotated secret is a new stored value (a new nonce), another row is another binding, and a value
 * names the key it was written under, so nothing stale or foreign is ever served. Only what
 * decrypted is kept (an unreadable value fails every time, as without this). Bounded in count and
 * in age; the secrets are in memory anyway while attempts use them.
 */
public final class DecryptedSecrets {
  /** Enough for the endpoints of the attempts of the last minute on a busy worker. */
  static final int MAX_ENTRIES = 256;

  static final long MAX_AGE_NANOS = 60_000_000_000L;

  private record Key(String stored, List<String> binding) {}

  private record Plain(String secret, long decryptedAtNanos) {
    @Override
    public String toString() {
      return "Plain[secret not shown]";
    }
  }

  private final SecretCipher cipher;
  private final ConcurrentHashMap<Key, Plain> recent = new ConcurrentHashMap<>();

  public DecryptedSecrets(SecretCipher cipher) {
    this.cipher = cipher;
  }

  /**
   * As {@link SecretCipher#decrypt}.
   *
   * @throws SecretCipher.Unreadable as it does
   */
  public String decrypt(String stored, String... binding) {
    if (stored == null) {
      return cipher.decrypt(stored, binding);
    }
    Key key = new Key(stored, List.of(binding));
    long now = System.nanoTime();
    Plain plain = recent.get(key);
    if (plain != null && now - plain.decryptedAtNanos() < MAX_AGE_NANOS) {
      return plain.secret();
    }
    String secret = cipher.decrypt(stored, binding);
    if (recent.size() >= MAX_ENTRIES) {
      recent.clear();
    }
    recent.put(key, new Plain(secret, now));
    return secret;
  }
}
