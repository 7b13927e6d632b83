package io.billhook.core.secrets;

import io.billhook.core.refusals.Refusal;
import org.springframework.stereotype.Component;

/**
 * Customer data kept at rest (an event's envelope, a lifecycle report's envelope) encrypted with
 * the keys and format of endpoint secrets. Each value is bound to its row and column, so a value
 * copied to another row does not decrypt. A value not in the encrypted format (written before
 * encryption at rest, or a purged envelope holding no data) reads as it is.
 */
@Component
public class StoredData {
  private final SecretCipher cipher;

  public StoredData(SecretCipher cipher) {
    this.cipher = cipher;
  }

  /** {@code plain} encrypted for the row {@code binding} names; null stays null. */
  public String seal(String plain, String... binding) {
    return plain == null ? null : cipher.encrypt(plain, binding);
  }

  /**
   * The value {@code stored} holds, exactly as it was sealed; null stays null.
   *
   * @throws SecretCipher.Unreadable if it is encrypted but altered, written for another row, or
   *     under a key not configured
   */
  public String open(String stored, String... binding) {
    if (stored == null || SecretCipher.keyId(stored) == null) {
      return stored;
    }
    return cipher.decrypt(stored, binding);
  }

  /**
   * As {@link #open}, for a caller to be answered: a value that cannot be decrypted is refused as a
   * conflict naming {@code what} (e.g. "event evt_1"), never quoting the value.
   */
  public String openOrRefuse(String stored, String what, String... binding) {
    try {
      return open(stored, binding);
    } catch (SecretCipher.Unreadable e) {
      throw new Refusal(
          Refusal.Kind.CONFLICT,
          "the data of "
              + what
              + " cannot be read: it was altered, or is encrypted under a key this server is not"
              + " configured with");
    }
  }
}
