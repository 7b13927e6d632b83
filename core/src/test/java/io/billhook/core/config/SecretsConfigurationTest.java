package io.billhook.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billhook.core.embedded.DataDirectory;
import io.billhook.core.secrets.SecretCipher;
import io.billhook.core.secrets.SecretKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;

/**
 * Where the keys of secrets at rest come from: the setting, the embedded default's data dir, or
 * nowhere.
 */
class SecretsConfigurationTest {
  @TempDir Path dataDir;

  private final SecretsConfiguration configuration = new SecretsConfiguration();

  @Test
  void theEmbeddedDefaultKeepsOneGeneratedKeyOwnerOnlyAcrossRestarts() throws Exception {
    SecretKeys first = keys(List.of(), null);
    String stored = new SecretCipher(first).encrypt("whsec_x", "acme", "ep_1");

    SecretKeys afterRestart = keys(List.of(), null);

    assertThat(new SecretCipher(afterRestart).decrypt(stored, "acme", "ep_1")).isEqualTo("whsec_x");
    Path file = dataDir.resolve("secret-keys");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var files = Files.list(dataDir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("secret-keys");
    }
  }

  @Test
  void configuredKeysWinAndNothingIsWritten() {
    SecretKeys keys =
        keys(
            List.of(SecretKeys.generate("k2"), SecretKeys.generate("k1")),
            "jdbc:postgresql://db/x");

    assertThat(keys.current()).isEqualTo("k2");
    assertThat(keys.ids()).containsExactly("k2", "k1");
    assertThat(dataDir.resolve("secret-keys")).doesNotExist();
  }

  @Test
  void aDeploymentWithItsOwnDatabaseAndNoKeysIsRefusedAtStart() {
    assertThatThrownBy(() -> keys(List.of(), "jdbc:postgresql://db:5432/billhook"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("BILLHOOK_SECRET_KEYS is required when SPRING_DATASOURCE_URL is set")
        .hasMessageContaining("openssl rand -base64 32");
    assertThat(dataDir.resolve("secret-keys")).doesNotExist();
  }

  @Test
  void aKeptFileThatHoldsNoKeyIsRefusedAtStart() throws Exception {
    Files.writeString(dataDir.resolve("secret-keys"), "garbage\n");

    assertThatThrownBy(() -> keys(List.of(), null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(dataDir.resolve("secret-keys").toString())
        .hasMessageContaining("is not id=base64");
  }

  @Test
  void theSettingsNeverShowTheKeys() {
    String key = SecretKeys.generate("k1");

    assertThat(properties(List.of(key)).toString())
        .doesNotContain(key.substring(3))
        .contains("secretKeys=1");
  }

  private SecretKeys keys(List<String> configured, String datasourceUrl) {
    BillhookProperties billhook = properties(configured);
    DataSourceProperties database = new DataSourceProperties();
    database.setUrl(datasourceUrl);
    return configuration.secretKeys(billhook, database, new DataDirectory(billhook));
  }

  private BillhookProperties properties(List<String> configured) {
    return new BillhookProperties(
        "test",
        null,
        dataDir.toString(),
        Duration.ofSeconds(15),
        null,
        List.of(),
        null,
        true,
        20,
        Duration.ofSeconds(5),
        configured);
  }
}
