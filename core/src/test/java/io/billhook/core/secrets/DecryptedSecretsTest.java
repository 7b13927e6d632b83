package io.billhook.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Secrets served from what was decrypted lately are exactly what the cipher would give: a rotated
 * secret is the new one at once, a value moved to another endpoint does not decrypt there, and an
 * altered value fails every time.
 */
class DecryptedSecretsTest {
  private final SecretCipher cipher =
      new SecretCipher(SecretKeys.parse(List.of(SecretKeys.generate("k1")), "test"));
  private final DecryptedSecrets secrets = new DecryptedSecrets(cipher);

  @Test
  void aRotatedSecretIsTheNewOneAtOnce() {
    String old = cipher.encrypt("whsec_old", "acme", "ep_1");
    assertThat(secrets.decrypt(old, "acme", "ep_1")).isEqualTo("whsec_old");
    assertThat(secrets.decrypt(old, "acme", "ep_1")).isEqualTo("whsec_old");

    String rotated = cipher.encrypt("whsec_new", "acme", "ep_1");
    assertThat(secrets.decrypt(rotated, "acme", "ep_1")).isEqualTo("whsec_new");
  }

  @Test
  void aValueReadForOneEndpointDoesNotDecryptForAnother() {
    String stored = cipher.encrypt("whsec_1", "acme", "ep_1");
    assertThat(secrets.decrypt(stored, "acme", "ep_1")).isEqualTo("whsec_1");

    assertThatThrownBy(() -> secrets.decrypt(stored, "acme", "ep_2"))
        .isInstanceOf(SecretCipher.Unreadable.class);
    assertThatThrownBy(() -> secrets.decrypt(stored, "other", "ep_1"))
        .isInstanceOf(SecretCipher.Unreadable.class);
  }

  @Test
  void anAlteredValueFailsEveryTimeWithoutQuotingIt() {
    String stored = cipher.encrypt("whsec_1", "acme", "ep_1");
    String altered = stored.substring(0, stored.length() - 4) + "AAAA";
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> secrets.decrypt(altered, "acme", "ep_1"))
          .isInstanceOf(SecretCipher.Unreadable.class)
          .hasMessageNotContaining("whsec_1")
          .hasMessageNotContaining(altered);
    }
  }

  @Test
  void aKeyNotConfiguredHereIsRefusedEvenForAValueAnotherCacheRead() {
    SecretCipher elsewhere =
        new SecretCipher(SecretKeys.parse(List.of(SecretKeys.generate("k2")), "test"));
    String stored = elsewhere.encrypt("whsec_2", "acme", "ep_1");
    assertThat(new DecryptedSecrets(elsewhere).decrypt(stored, "acme", "ep_1"))
        .isEqualTo("whsec_2");

    assertThatThrownBy(() -> secrets.decrypt(stored, "acme", "ep_1"))
        .isInstanceOf(SecretCipher.Unreadable.class);
  }
}
