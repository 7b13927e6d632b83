package io.billhook.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billhook.core.ids.RandomIds;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AES-256-GCM for secrets at rest, and the key configuration it reads. */
class SecretCipherTest {
  private static final String K1 = SecretKeys.generate("k1");
  private static final String K2 = SecretKeys.generate("k2");
  private static final String SECRET = RandomIds.newSecret();

  private final SecretCipher k1 = cipher(K1);

  @Test
  void theStoredValueNamesItsKeyAndHoldsNothingOfTheSecret() {
    String stored = k1.encrypt(SECRET, "acme", "ep_1");

    assertThat(stored).startsWith("v1:k1:").doesNotContain(SECRET).doesNotContain("whsec_");
    assertThat(stored).doesNotContain(SECRET.substring(6, 20));
    assertThat(k1.decrypt(stored, "acme", "ep_1")).isEqualTo(SECRET);
    assertThat(k1.encrypt(SECRET, "acme", "ep_1"))
        .as("a fresh nonce each time")
        .isNotEqualTo(stored);
  }

  @Test
  void aStoredValueDecryptsOnlyForItsOwnVendorAndEndpoint() {
    String stored = k1.encrypt(SECRET, "acme", "ep_1");

    assertUnreadable(() -> k1.decrypt(stored, "acme", "ep_2"));
    assertUnreadable(() -> k1.decrypt(stored, "other", "ep_1"));
    assertUnreadable(() -> k1.decrypt(stored, "acmeep", "_1"));
  }

  @Test
  void anotherKeyUnderTheSameIdCannotDecrypt() {
    String stored = k1.encrypt(SECRET, "acme", "ep_1");

    assertUnreadable(() -> cipher(SecretKeys.generate("k1")).decrypt(stored, "acme", "ep_1"));
  }

  @Test
  void anyAlteredByteIsRefused() {
    String stored = k1.encrypt(SECRET, "acme", "ep_1");
    byte[] blob = Base64.getDecoder().decode(stored.substring("v1:k1:".length()));
    for (int i = 0; i < blob.length; i++) {
      byte[] altered = blob.clone();
      altered[i] ^= 1;
      String tampered = "v1:k1:" + Base64.getEncoder().encodeToString(altered);
      assertUnreadable(() -> k1.decrypt(tampered, "acme", "ep_1"));
    }
    assertUnreadable(() -> k1.decrypt("v1:k1:" + "AAAA", "acme", "ep_1"));
    assertUnreadable(() -> k1.decrypt("v1:k1:not base64!", "acme", "ep_1"));
    assertUnreadable(() -> k1.decrypt(SECRET, "acme", "ep_1"));
  }

  @Test
  void afterARotationTheNewKeyEncryptsAndTheOldOneStillDecrypts() {
    String old = k1.encrypt(SECRET, "acme", "ep_1");
    SecretCipher rotated = cipher(K2, K1);

    assertThat(rotated.decrypt(old, "acme", "ep_1")).isEqualTo(SECRET);
    assertThat(rotated.underCurrentKey(old)).isFalse();
    String fresh = rotated.encrypt(SECRET, "acme", "ep_1");
    assertThat(fresh).startsWith("v1:k2:");
    assertThat(rotated.underCurrentKey(fresh)).isTrue();
    assertUnreadable(() -> k1.decrypt(fresh, "acme", "ep_1"));
  }

  @Test
  void badKeySettingsAreRefusedWithoutQuotingTheKey() {
    String shortKey = "k1=" + Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> SecretKeys.parse(List.of(shortKey), "BILLHOOK_SECRET_KEYS"))
        .hasMessageContaining("Key 1 of BILLHOOK_SECRET_KEYS decodes to 16 bytes, not 32")
        .hasMessageNotContaining(shortKey.substring(3));
    String key = K1.substring(3);
    assertThatThrownBy(() -> SecretKeys.parse(List.of(K1, "k1=" + key), "S"))
        .hasMessageContaining("repeats the key id k1");
    assertThatThrownBy(() -> SecretKeys.parse(List.of(key), "S"))
        .hasMessageContaining("Key 1 of S is not id=base64")
        .hasMessageNotContaining(key);
    assertThatThrownBy(() -> SecretKeys.parse(List.of("a:b=" + key), "S"))
        .hasMessageContaining("is not id=base64");
    assertThatThrownBy(() -> SecretKeys.parse(List.of("k1=%%%%"), "S"))
        .hasMessageContaining("is not valid base64");
    assertThatThrownBy(() -> SecretKeys.parse(List.of(" "), "S"))
        .hasMessageContaining("S holds no key");
    assertThat(SecretKeys.parse(List.of(K2, K1), "S").toString()).doesNotContain(key);
  }

  private static SecretCipher cipher(String... entries) {
    return new SecretCipher(SecretKeys.parse(List.of(entries), "test"));
  }

  private static void assertUnreadable(Runnable decrypt) {
    assertThatThrownBy(decrypt::run)
        .isInstanceOf(SecretCipher.Unreadable.class)
        .hasMessageNotContaining(SECRET);
  }
}
