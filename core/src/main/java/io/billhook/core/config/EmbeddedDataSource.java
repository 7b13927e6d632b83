package io.billhook.core.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/** A pool over the embedded PostgreSQL that stops the database when the pool closes. */
final class EmbeddedDataSource extends DelegatingDataSource implements AutoCloseable {
  private final HikariDataSource pool;
  private final EmbeddedPostgres postgres;

  EmbeddedDataSource(HikariDataSource pool, EmbeddedPostgres postgres) {
    super(pool);
    this.pool = pool;
    this.postgres = postgres;
  }

  @Override
  public void close() {
    pool.close();
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
