package io.billhook.core.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.billhook.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A refused row's values (an event's data) stay out of the database errors Billhook sees. */
class DatabaseErrorsTest {
  private static final String INSERT =
      "INSERT INTO events (vendor_id, id, type, occurred_at, body, created_at)"
          + " VALUES (?, ?, NULL, now(), ?, now())";
  private static final String BODY = "{\"password\":\"s3cret-pw\"}";

  @Test
  void aRefusedRowIsNotQuotedInTheError() {
    try (HikariDataSource pool = pool()) {
      DatabaseConfiguration.withoutDataInErrors(pool);

      assertThatThrownBy(() -> insert(pool))
          .hasMessageContaining("violates not-null constraint")
          .satisfies(e -> assertNoCauseQuotes(e, "s3cret-pw"));
    }
  }

  @Test
  void withoutItTheDriverWouldQuoteIt() {
    try (HikariDataSource pool = pool()) {

      assertThatThrownBy(() -> insert(pool)).hasMessageContaining("s3cret-pw");
    }
  }

  /** A pool on the test database, as plain as the driver's defaults. */
  private static HikariDataSource pool() {
    PGSimpleDataSource database = (PGSimpleDataSource) TestDatabase.dataSource();
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(database.getUrl());
    pool.setUsername(database.getUser());
    return pool;
  }

  private static int insert(HikariDataSource pool) {
    return JdbcClient.create(pool).sql(INSERT).params("acme", "evt_refused", BODY).update();
  }

  private static void assertNoCauseQuotes(Throwable failure, String text) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      org.assertj.core.api.Assertions.assertThat(String.valueOf(t.getMessage()))
          .doesNotContain(text);
    }
  }
}
