package io.billhook.api.it;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** The browser scripts of ui-tests, run with node against Debian's Chromium. */
final class UiScripts {
  static final Path CHROMIUM =
      Path.of(System.getenv().getOrDefault("BILLHOOK_CHROMIUM", "/usr/bin/chromium"));

  private UiScripts() {}

  /** Skips the test class without a Chromium, unless every test is required to run. */
  static void requireChromium(Class<?> test, String what) {
    if (!Files.isExecutable(CHROMIUM)) {
      String why =
          "no Chromium at " + CHROMIUM + " (apt-get install chromium, or set BILLHOOK_CHROMIUM)";
      if (ItEnvironment.allTestsRequired()) {
        fail(why + "; BILLHOOK_REQUIRE_ALL_TESTS=1 forbids skipping " + what);
      }
      System.out.println(test.getSimpleName() + " SKIPPED: " + why);
      Assumptions.abort(what + " skipped: " + why);
    }
  }

  record Result(int exitCode, String output) {}

  /** Runs a script of ui-tests with node, reading its output as it runs. */
  static Result run(String script, List<String> args) throws IOException, InterruptedException {
    Path uiTests = ItEnvironment.uiTests();
    if (!Files.isDirectory(uiTests.resolve("node_modules/playwright-core"))) {
      fail("playwright-core is not installed: run npm ci in " + uiTests + " (the build does)");
    }
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(args);
    Process node =
        new ProcessBuilder(command).directory(uiTests.toFile()).redirectErrorStream(true).start();
    node.getOutputStream().close();
    // Read while it runs so that a full pipe never blocks it.
    StringBuilder output = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try {
                output.append(
                    new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                output.append("(output lost: ").append(e).append(')');
              }
            });
    reader.start();
    if (!node.waitFor(180, TimeUnit.SECONDS)) {
      node.destroyForcibly();
      reader.join(5000);
      fail(script + " ran over 180 s:\n" + output);
    }
    reader.join(5000);
    return new Result(node.exitValue(), output.toString());
  }

  static Path emptied(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    return dir;
  }
}
