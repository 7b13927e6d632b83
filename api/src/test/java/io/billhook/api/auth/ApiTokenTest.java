package io.billhook.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.core.config.BillhookProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokenTest {
  @TempDir Path dataDir;

  @Test
  void aGeneratedTokenIsKeptOwnerOnlyAndIsTheSameAtTheNextStart() throws Exception {
    ApiToken first = new ApiToken(properties(null));
    ApiToken second = new ApiToken(properties(null));

    assertThat(first.generated()).isTrue();
    assertThat(second.value()).isEqualTo(first.value());
    assertThat(second.matches(first.value())).isTrue();
    Path file = dataDir.resolve(ApiToken.FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var files = Files.list(dataDir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(ApiToken.FILE);
    }
  }

  @Test
  void aConfiguredTokenIsUsedAndNothingIsWritten() throws Exception {
    ApiToken token = new ApiToken(properties("my-own-token-value"));

    assertThat(token.generated()).isFalse();
    assertThat(token.matches("my-own-token-value")).isTrue();
    assertThat(token.matches("my-own-token-valuX")).isFalse();
    assertThat(Files.exists(dataDir.resolve(ApiToken.FILE))).isFalse();
  }

  private BillhookProperties properties(String token) {
    return new BillhookProperties(
        "test",
        token,
        dataDir.toString(),
        Duration.ofSeconds(15),
        "PT5S",
        List.of(),
        null,
        true,
        20,
        Duration.ofSeconds(5),
        List.of());
  }
}
