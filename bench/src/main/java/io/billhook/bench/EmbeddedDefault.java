package io.billhook.bench;

import io.billhook.core.embedded.DevServerCommand;
import io.billhook.testkit.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The app as a bare {@code java -jar} runs it: no TEMPORAL_ADDRESS and no SPRING_DATASOURCE_URL, so
 * that it starts its own dev server (persisted to its SQLite file) and its own PostgreSQL (fsync
 * and synchronous_commit on), both durable, in a fresh data dir. Only what the bench must know is
 * set: free ports, and the CLI the bench installed (the jar it runs is a copy, away from the CLI
 * the build puts beside the original).
 */
final class EmbeddedDefault {
  static final String TEMPORAL_PORT = "BILLHOOK_TEMPORAL_PORT";

  private EmbeddedDefault() {}

  static Map<String, String> environment(BenchOptions o) {
    Path data = o.work().resolve("embedded-data").toAbsolutePath();
    deleteTree(data);
    Map<String, String> env = new HashMap<>();
    env.put("BILLHOOK_DATA_DIR", data.toString());
    env.put(TEMPORAL_PORT, Integer.toString(Ports.free()));
    env.put("BILLHOOK_TEMPORAL_UI_PORT", Integer.toString(Ports.free()));
    env.put("BILLHOOK_TEMPORAL_CLI", o.temporalCli().toAbsolutePath().toString());
    return env;
  }

  /** The dev server's SQLite file under the app's data dir (how /proc tells it apart). */
  static Path temporalDb(Path data) {
    return new DevServerCommand(Path.of("temporal"), data.resolve("temporal"), 0, 0).database();
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + dir, e);
    }
  }
}
