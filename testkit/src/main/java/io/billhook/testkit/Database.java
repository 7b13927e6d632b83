package io.billhook.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A real PostgreSQL (zonky's embedded binaries) run from this JVM, so that it outlives the Billhook
 * processes a test kills.
 */
public final class Database implements AutoCloseable {
  private static final String USER = "postgres";

  private final EmbeddedPostgres postgres;

  private Database(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** In a temporary directory of its own. */
  public static Database start() {
    return start(EmbeddedPostgres.builder());
  }

  /** In {@code dataDir}, emptied first (where its processes can be found and measured). */
  public static Database startIn(Path dataDir) {
    return start(EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(true));
  }

  private static Database start(EmbeddedPostgres.Builder builder) {
    try {
      return new Database(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String jdbcUrl() {
    return postgres.getJdbcUrl(USER, USER);
  }

  public String user() {
    return USER;
  }

  public String password() {
    return USER;
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
