package io.billhook.core.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A real PostgreSQL (embedded binaries), migrated once per test JVM and emptied per test. */
public final class TestDatabase {
  private static EmbeddedPostgres postgres;

  private TestDatabase() {}

  public static synchronized DataSource dataSource() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Flyway.configure().dataSource(postgres.getPostgresDatabase()).load().migrate();
    }
    return postgres.getPostgresDatabase();
  }

  public static JdbcClient jdbc() {
    return JdbcClient.create(dataSource());
  }

  public static TransactionTemplate transactions() {
    return new TransactionTemplate(new DataSourceTransactionManager(dataSource()));
  }

  public static void clear() {
    jdbc()
        .sql(
            "TRUNCATE endpoints, endpoint_retired_secrets, events, deliveries, attempts,"
                + " secret_key_checks")
        .update();
  }
}
