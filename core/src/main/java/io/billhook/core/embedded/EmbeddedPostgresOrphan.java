package io.billhook.core.embedded;

import java.nio.file.Path;
import java.time.Duration;

/** The embedded PostgreSQL that a killed Billhook left running on its data dir. */
public final class EmbeddedPostgresOrphan {
  private EmbeddedPostgresOrphan() {}

  /**
   * Stops the postmaster named by {@code postmaster.pid} in {@code dataDir} if it is still that
   * server (a {@code postgres} process started on this very directory); PostgreSQL recovers from
   * its WAL at the next start, losing nothing committed.
   */
  public static void stop(Path dataDir) {
    OrphanedProcess.stop(
        dataDir.resolve("postmaster.pid"),
        "an embedded PostgreSQL",
        Duration.ofSeconds(30),
        "postgres",
        "-D " + dataDir);
  }
}
