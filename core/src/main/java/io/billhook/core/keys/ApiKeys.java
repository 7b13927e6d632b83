package io.billhook.core.keys;

import io.billhook.core.refusals.Refusal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;

/**
 * Vendor API keys: made (the key shown once), listed without the key, revoked at once, and verified
 * by one lookup of the key's id and a constant-time comparison of hashes. When PostgreSQL cannot be
 * reached, each of these is refused as {@link Refusal.Kind#UNAVAILABLE}, so that the caller
 * retries.
 */
@Service
public class ApiKeys {
  private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

  /** Enough for every integration of one vendor; a runaway script stops here. */
  static final int MAX_PER_VENDOR = 100;

  private static final int MAX_NAME = 100;

  private final ApiKeyStore store;

  ApiKeys(ApiKeyStore store) {
    this.store = store;
  }

  public IssuedKey create(String vendorId, String name) {
    String checkedName = checkName(name);
    return stored(
        "making an API key", "the API key was not made", () -> issue(vendorId, checkedName));
  }

  private IssuedKey issue(String vendorId, String checkedName) {
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
    if (!store.insertWithin(key, KeyFormat.hash(secret), MAX_PER_VENDOR)) {
      throw new Refusal(
          Refusal.Kind.CONFLICT,
          "vendor " + vendorId + " already has " + MAX_PER_VENDOR + " API keys; revoke one first");
    }
    return new IssuedKey(key, secret);
  }

  public List<ApiKey> list(String vendorId) {
    return stored(
        "listing API keys", "the API keys could not be listed", () -> store.list(vendorId));
  }

  /** Revoked at once: the next request with the key is refused. */
  public void revoke(String vendorId, String keyId) {
    if (!stored(
        "revoking an API key",
        "the API key was not revoked",
        () -> store.delete(vendorId, keyId))) {
      throw Refusal.notFound("no API key " + keyId + " for vendor " + vendorId);
    }
  }

  /**
   * The holder of {@code presented}, if it is a key that exists and has not been revoked. A bearer
   * that does not have the shape of a key is not looked up, so it never needs the database.
   */
  public Optional<KeyHolder> verify(String presented) {
    Optional<String> id = KeyFormat.idOf(presented);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    return stored(
        "checking an API key",
        "the API key could not be checked",
        () -> lookUp(presented, id.get()));
  }

  private Optional<KeyHolder> lookUp(String presented, String id) {
    Optional<KeyHolder> holder =
        store
            .find(id)
            .filter(stored -> KeyFormat.matches(presented, stored.hash()))
            .map(stored -> new KeyHolder(id, stored.vendorId()));
    holder.ifPresent(found -> store.touch(found.keyId(), Instant.now()));
    return holder;
  }

  /**
   * Runs one use of the store; a database failure is logged here, once, and refused in the caller's
   * terms. The store sees the key's id and hash, never the key, so neither its message nor the log
   * can hold the key.
   */
  private static <T> T stored(String doing, String outcome, Supplier<T> call) {
    try {
      return call.get();
    } catch (DataAccessException | TransactionException e) {
      log.warn("PostgreSQL failed while {}: {}", doing, e.getMostSpecificCause().toString());
      throw new Refusal(
          Refusal.Kind.UNAVAILABLE,
          outcome + " because the database is unavailable; retry the request");
    }
  }

  private static String checkName(String name) {
    if (name == null) {
      return null;
    }
    if (name.isBlank() || name.length() > MAX_NAME) {
      throw Refusal.invalid("name must be 1 to " + MAX_NAME + " characters, not only spaces");
    }
    if (name.codePoints().anyMatch(ApiKeys::hidesOrBreaks)) {
      throw Refusal.invalid(
          "name must not contain control characters (such as line breaks) or characters that"
              + " reorder text (bidirectional controls)");
    }
    return name;
  }

  /** A character that breaks the line or silently reorders what is shown around it. */
  private static boolean hidesOrBreaks(int c) {
    int type = Character.getType(c);
    if (Character.isISOControl(c)
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR) {
      return true;
    }
    return switch (Character.getDirectionality(c)) {
      case Character.DIRECTIONALITY_LEFT_TO_RIGHT_EMBEDDING,
          Character.DIRECTIONALITY_LEFT_TO_RIGHT_OVERRIDE,
          Character.DIRECTIONALITY_RIGHT_TO_LEFT_EMBEDDING,
          Character.DIRECTIONALITY_RIGHT_TO_LEFT_OVERRIDE,
          Character.DIRECTIONALITY_POP_DIRECTIONAL_FORMAT,
          Character.DIRECTIONALITY_LEFT_TO_RIGHT_ISOLATE,
          Character.DIRECTIONALITY_RIGHT_TO_LEFT_ISOLATE,
          Character.DIRECTIONALITY_FIRST_STRONG_ISOLATE,
          Character.DIRECTIONALITY_POP_DIRECTIONAL_ISOLATE ->
          true;
      default -> false;
    };
  }
}
