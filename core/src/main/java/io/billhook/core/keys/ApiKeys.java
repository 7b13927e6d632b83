package io.billhook.core.keys;

import io.billhook.core.refusals.Refusal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Vendor API keys: made (the key shown once), listed without the key, revoked at once, and verified
 * by one lookup of the key's id and a constant-time comparison of hashes.
 */
@Service
public class ApiKeys {
  /** Enough for every integration of one vendor; a runaway script stops here. */
  static final int MAX_PER_VENDOR = 100;

  private static final int MAX_NAME = 100;

  private final ApiKeyStore store;

  ApiKeys(ApiKeyStore store) {
    this.store = store;
  }

  public IssuedKey create(String vendorId, String name) {
    String checkedName = checkName(name);
    if (store.count(vendorId) >= MAX_PER_VENDOR) {
      throw new Refusal(
          Refusal.Kind.CONFLICT,
          "vendor " + vendorId + " already has " + MAX_PER_VENDOR + " API keys; revoke one first");
    }
    String secret = KeyFormat.newKey();
    String id = KeyFormat.idOf(secret).orElseThrow();
    ApiKey key =
        new ApiKey(
            id,
            vendorId,
            checkedName,
            KeyFormat.shownPrefix(id),
            Instant.now().truncatedTo(ChronoUnit.MICROS),
            null);
    store.insert(key, KeyFormat.hash(secret));
    return new IssuedKey(key, secret);
  }

  public List<ApiKey> list(String vendorId) {
    return store.list(vendorId);
  }

  /** Revoked at once: the next request with the key is refused. */
  public void revoke(String vendorId, String keyId) {
    if (!store.delete(vendorId, keyId)) {
      throw Refusal.notFound("no API key " + keyId + " for vendor " + vendorId);
    }
  }

  /** The holder of {@code presented}, if it is a key that exists and has not been revoked. */
  public Optional<KeyHolder> verify(String presented) {
    Optional<String> id = KeyFormat.idOf(presented);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    Optional<KeyHolder> holder =
        store
            .find(id.get())
            .filter(stored -> KeyFormat.matches(presented, stored.hash()))
            .map(stored -> new KeyHolder(id.get(), stored.vendorId()));
    holder.ifPresent(found -> store.touch(found.keyId(), Instant.now()));
    return holder;
  }

  private static String checkName(String name) {
    if (name == null) {
      return null;
    }
    if (name.isBlank() || name.length() > MAX_NAME) {
      throw Refusal.invalid("name must be 1 to " + MAX_NAME + " characters, not only spaces");
    }
    if (name.codePoints().anyMatch(Character::isISOControl)) {
      throw Refusal.invalid("name must not contain control characters (such as line breaks)");
    }
    return name;
  }
}
