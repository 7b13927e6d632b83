package io.billhook.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench runs the app with the worker image's memory settings, read from its Dockerfile. */
class ImageEnvironmentTest {

  @Test
  void readsTheWorkerImagesJavaSettings() {
    assertThat(ImageEnvironment.of(Path.of("../deploy/Dockerfile.worker")))
        .containsKey("MALLOC_ARENA_MAX")
        .hasEntrySatisfying("JDK_JAVA_OPTIONS", v -> assertThat(v).contains("-Xmx"));
  }

  @Test
  void readsQuotedValuesAndContinuedLines(@TempDir Path dir) throws Exception {
    Path dockerfile = dir.resolve("Dockerfile");
    Files.writeString(
        dockerfile, "FROM x\nENV A=\"-Xmx1m -Xss1m\" \\\n    B=2\nRUN echo C=3\nENV D=4\n");

    assertThat(ImageEnvironment.of(dockerfile))
        .containsExactly(
            java.util.Map.entry("A", "-Xmx1m -Xss1m"),
            java.util.Map.entry("B", "2"),
            java.util.Map.entry("D", "4"));
  }
}
