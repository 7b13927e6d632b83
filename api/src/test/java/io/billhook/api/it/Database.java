package io.billhook.api.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A real PostgreSQL in the test JVM, so that it outlives the Billhook processes the tests kill. */
final class Database implements AutoCloseable {
  private final EmbeddedPostgres postgres;

  private Database(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static Database start() {
    try {
      return new Database(EmbeddedPostgres.builder().start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  String user() {
    return "postgres";
  }

  String password() {
    return "postgres";
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
