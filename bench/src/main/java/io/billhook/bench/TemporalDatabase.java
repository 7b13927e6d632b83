package io.billhook.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The production Temporal server's own PostgreSQL: zonky's embedded binaries as for the app, but a
 * separate instance (so that its CPU is measured apart from the app's database), listening on
 * 127.0.0.1 only. The databases {@value #STORE} and {@value #VISIBILITY} belong to the role {@value
 * #USER}, whose password is made up for this run and required for every connection (the superuser
 * zonky starts with is locked out once they exist). Their schema is set up by Temporal's SQL tool,
 * as an operator would.
 */
record TemporalDatabase(EmbeddedPostgres postgres, String password, long pid)
    implements AutoCloseable {
  static final String USER = "temporal";
  static final String STORE = "temporal";
  static final String VISIBILITY = "temporal_visibility";

  /** Starts it in {@code dataDir} (emptied first) with both databases, empty. */
  static TemporalDatabase start(Path dataDir) {
    EmbeddedPostgres postgres;
    try {
      postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(true)
              .setServerConfig("listen_addresses", "127.0.0.1")
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start Temporal's PostgreSQL", e);
    }
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    try {
      lockDown(postgres, dataDir, password);
    } catch (IOException | SQLException | RuntimeException e) {
      close(postgres);
      throw new IllegalStateException("could not set up Temporal's PostgreSQL", e);
    }
    long pid = ProcStats.findPid("bin/postgres", dataDir.toString());
    return new TemporalDatabase(postgres, password, pid);
  }

  /**
   * The role and its databases, then password authentication for every connection, socket or TCP
   * (zonky's initdb trusts everyone on the machine).
   */
  private static void lockDown(EmbeddedPostgres postgres, Path dataDir, String password)
      throws IOException, SQLException {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      // Hex digits only: nothing in it can end the literal.
      s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + password + "'");
      for (String database : List.of(STORE, VISIBILITY)) {
        s.execute("CREATE DATABASE " + database + " OWNER " + USER);
      }
      Files.writeString(
          dataDir.resolve("pg_hba.conf"),
          "local all all scram-sha-256\nhost all all 127.0.0.1/32 scram-sha-256\n");
      s.execute("SELECT pg_reload_conf()");
    }
  }

  /**
   * {@code setup-schema -v 0.0} then {@code update-schema} to the newest version, for the store and
   * for visibility; the password reaches the tool through its environment, not its arguments.
   */
  void setUpSchema(Path tool, Path schema, Path log) {
    for (String[] db :
        List.of(new String[] {STORE, "temporal"}, new String[] {VISIBILITY, "visibility"})) {
      List<String> base =
          List.of(
              tool.toString(),
              "--plugin",
              "postgres12",
              "--endpoint",
              "127.0.0.1",
              "--port",
              Integer.toString(port()),
              "--user",
              USER,
              "--database",
              db[0]);
      run(base, List.of("setup-schema", "-v", "0.0"), log);
      String versioned = schema.resolve(db[1] + "/versioned").toString();
      run(base, List.of("update-schema", "-d", versioned), log);
    }
  }

  private void run(List<String> base, List<String> command, Path log) {
    List<String> line = new ArrayList<>(base);
    line.addAll(command);
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(line)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().put("SQL_PASSWORD", password);
      Process p = builder.start();
      if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "Temporal's SQL tool failed: " + String.join(" ", command) + " (see " + log + ")");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String address() {
    return "127.0.0.1:" + postgres.getPort();
  }

  int port() {
    return postgres.getPort();
  }

  @Override
  public void close() {
    close(postgres);
  }

  private static void close(EmbeddedPostgres postgres) {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
