package io.billhook.worker.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The database: {@code SPRING_DATASOURCE_URL} when set, otherwise an embedded PostgreSQL (real
 * binaries from Maven) whose data is kept under {@code billhook.data-dir}.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {
  private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

  @Bean
  DataSource dataSource(DataSourceProperties properties, BillhookProperties billhook)
      throws IOException {
    if (properties.getUrl() != null && !properties.getUrl().isBlank()) {
      HikariDataSource pool =
          properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
      return bounded(pool, billhook);
    }
    EmbeddedPostgres postgres = startEmbedded(Path.of(billhook.dataDir(), "postgres"));
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
    pool.setMaximumPoolSize(billhook.dbPoolSize());
    pool.setConnectionTimeout(billhook.dbConnectionTimeout().toMillis());
    return pool;
  }

  private static EmbeddedPostgres startEmbedded(Path dir) throws IOException {
    Files.createDirectories(dir);
    log.info("Starting embedded PostgreSQL with data in {}", dir.toAbsolutePath());
    return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).start();
  }
}
