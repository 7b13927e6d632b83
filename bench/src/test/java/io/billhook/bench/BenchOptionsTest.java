package io.billhook.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The command line of bench/run: which Temporal the run measures. */
class BenchOptionsTest {
  private static final Path REPO = Path.of("/repo");

  @Test
  void theDevServerUnlessAProductionServerIsAskedFor() {
    assertThat(BenchOptions.parse(new String[] {"--only", "delivery"}, REPO).productionTemporal())
        .isFalse();

    BenchOptions production =
        BenchOptions.parse(new String[] {"--production-temporal", "--only", "lifecycle"}, REPO);

    assertThat(production.productionTemporal()).isTrue();
    assertThat(production.runs("lifecycle")).isTrue();
    assertThat(production.runs("delivery")).isFalse();
    assertThat(production.temporalServerHome())
        .isEqualTo(Path.of("/repo/bench/target/temporal-server"));
  }

  @Test
  void aProductionServerIsNotAnotherServerOrTheEmbeddedOne() {
    assertThatThrownBy(
            () ->
                BenchOptions.parse(
                    new String[] {"--production-temporal", "--temporal", "127.0.0.1:7233"}, REPO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not with --temporal");
    assertThatThrownBy(
            () -> BenchOptions.parse(new String[] {"--embedded", "--production-temporal"}, REPO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not with --embedded");
  }

  @Test
  void refusesAnUnknownOptionWithTheUsage() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--production"}, REPO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown option --production")
        .hasMessageContaining("--production-temporal");
  }
}
