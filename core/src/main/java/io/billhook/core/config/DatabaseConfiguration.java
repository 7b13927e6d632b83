package io.billhook.core.config;

import com.zaxxer.hikari.HikariDataSource;
import io.billhook.core.embedded.DataDirectory;
import io.billhook.core.embedded.EmbeddedPostgresOrphan;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * The database: {@code SPRING_DATASOURCE_URL} when set, otherwise an embedded PostgreSQL (real
 * binaries from Maven) whose data is kept under {@code billhook.data-dir}.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {
  private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

  /**
   * After the Temporal connection: the embedded default's dev server is launched there without
   * waiting, so that it boots while PostgreSQL starts.
   */
  @Bean
  @DependsOn("temporalConnection")
  DataSource dataSource(
      DataSourceProperties properties, DataDirectory data, BillhookProperties billhook)
      throws IOException {
    if (properties.getUrl() != null && !properties.getUrl().isBlank()) {
      HikariDataSource pool =
          properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
      return bounded(pool, billhook);
    }
    data.claim();
    EmbeddedPostgres postgres = startEmbedded(data.directory("postgres"));
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    pool.setUsername("postgres");
    pool.setPoolName("billhook-embedded");
    return new EmbeddedDataSource(bounded(pool, billhook), postgres);
  }

  /**
   * At most {@code billhook.db-pool-size} connections, and a caller waits at most {@code
   * billhook.db-connection-timeout} for one, so that a delivery attempt stays within its own
   * timeout when the database is slow.
   */
  private static HikariDataSource bounded(HikariDataSource pool, BillhookProperties billhook) {
    withoutDataInErrors(pool);
    pool.setMaximumPoolSize(billhook.dbPoolSize());
    pool.setConnectionTimeout(billhook.dbConnectionTimeout().toMillis());
    return pool;
  }

  /**
   * PostgreSQL's errors quote the values of the row they refused ({@code Failing row contains
   * (...)}), which may be an event's data: the driver leaves them out of its exceptions, so that
   * they reach neither a log nor a failure Temporal keeps.
   */
  static void withoutDataInErrors(HikariDataSource pool) {
    pool.addDataSourceProperty("logServerErrorDetail", "false");
  }

  private static EmbeddedPostgres startEmbedded(Path dir) throws IOException {
    // A Billhook killed with SIGKILL leaves its PostgreSQL running (pg_ctl detaches it), holding
    // the data dir: stop that one first, or this start would wait for it and give up.
    EmbeddedPostgresOrphan.stop(dir);
    log.info("Starting embedded PostgreSQL with data in {}", dir);
    return EmbeddedPostgres.builder()
        .setDataDirectory(dir)
        .setCleanDataDirectory(false)
        // Stopped by the context, after the workers have recorded the attempts they hold; the
        // library's own hook would stop it at the SIGTERM, under them.
        .setRegisterShutdownHook(false)
        .setPGStartupWait(Duration.ofSeconds(60))
        // The library's defaults suit throwaway test databases; this one is the record.
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .start();
  }
}
