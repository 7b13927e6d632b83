package io.billhook.core.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Pending deliveries and disabled endpoints, read from PostgreSQL in one query and kept for {@link
 * #FRESH_FOR}, so that however often and by however many scrapers the gauges are read, the database
 * answers at most one count every few seconds. While the database cannot be read the gauges show
 * NaN (no value), not a stale or made-up count.
 */
@Component
public class BacklogGauges implements MeterBinder {
  static final Duration FRESH_FOR = Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(BacklogGauges.class);
  private static final String COUNTS =
      "SELECT (SELECT count(*) FROM deliveries WHERE status = 'pending'),"
          + " (SELECT count(*) FROM endpoints WHERE NOT enabled)";

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private Counts counts = new Counts(Double.NaN, Double.NaN, Instant.MIN);

  private record Counts(double pending, double disabled, Instant readAt) {}

  @Autowired
  public BacklogGauges(JdbcTemplate jdbc) {
    this(jdbc, Clock.systemUTC());
  }

  BacklogGauges(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("billhook.deliveries.pending", this, g -> g.current().pending())
        .description("Deliveries not yet settled (being attempted or waiting for a retry)")
        .register(registry);
    Gauge.builder("billhook.endpoints.disabled", this, g -> g.current().disabled())
        .description("Endpoints that are disabled (by the vendor or after failing)")
        .register(registry);
  }

  private synchronized Counts current() {
    Instant now = clock.instant();
    if (Duration.between(counts.readAt(), now).compareTo(FRESH_FOR) < 0) {
      return counts;
    }
    try {
      counts =
          jdbc.queryForObject(COUNTS, (row, i) -> new Counts(row.getLong(1), row.getLong(2), now));
    } catch (RuntimeException e) {
      log.warn("Could not count pending deliveries and disabled endpoints: {}", e.toString());
      counts = new Counts(Double.NaN, Double.NaN, now);
    }
    return counts;
  }
}
