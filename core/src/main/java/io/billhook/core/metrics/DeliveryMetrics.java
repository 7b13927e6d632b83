package io.billhook.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts delivery attempts and settled deliveries, and times each delivery from the event's
 * acceptance to its successful attempt. Tags are bounded sets chosen here, never a value a vendor
 * sent (no vendor id, endpoint, URL or event type): a vendor could otherwise create series without
 * end. Recording never fails a delivery.
 */
@Component
public class DeliveryMetrics {
  private static final Logger log = LoggerFactory.getLogger(DeliveryMetrics.class);
  private static final String ACCEPTED_AT =
      "SELECT created_at FROM events WHERE vendor_id = ? AND id = ?";

  private final MeterRegistry registry;
  private final JdbcTemplate jdbc;
  private final Timer latency;

  @Autowired
  public DeliveryMetrics(ObjectProvider<MeterRegistry> registry, JdbcTemplate jdbc) {
    this(MeterRegistries.of(registry), jdbc);
  }

  DeliveryMetrics(MeterRegistry registry, JdbcTemplate jdbc) {
    this.registry = registry;
    this.jdbc = jdbc;
    this.latency =
        MeterRegistries.histogram(
            registry,
            "billhook.delivery.latency",
            "From the event's acceptance to its successful delivery to an endpoint",
            Duration.ofDays(3));
  }

  /** Metrics that go nowhere, for a recorder built without them. */
  public static DeliveryMetrics none() {
    return new DeliveryMetrics(new SimpleMeterRegistry(), null);
  }

  /**
   * An attempt as recorded in the delivery log, started at {@code at} and answered {@code
   * durationMs} later; {@code status} is the delivery's final status ({@code succeeded} or {@code
   * failed}) when it settled the delivery. Never throws: a metric never fails a delivery.
   */
  public void recorded(
      String vendorId, String eventId, int statusCode, Instant at, long durationMs, String status) {
    recorded(vendorId, eventId, statusCode, at, durationMs, status, null);
  }

  /**
   * As {@link #recorded(String, String, int, Instant, long, String)}, knowing when the event was
   * accepted ({@code acceptedAt}; null: read it from PostgreSQL when the delivery succeeded).
   */
  public void recorded(
      String vendorId,
      String eventId,
      int statusCode,
      Instant at,
      long durationMs,
      String status,
      Instant acceptedAt) {
    try {
      attempted(statusCode);
      if (status != null) {
        settled(status);
        if (status.equals("succeeded") && at != null) {
          delivered(vendorId, eventId, at.plusMillis(durationMs), acceptedAt);
        }
      }
    } catch (RuntimeException e) {
      log.debug("Attempt not counted: {}", e.toString());
    }
  }

  /**
   * One HTTP attempt: {@code succeeded} (2xx) or {@code failed}, with the class of the receiver's
   * status ({@code 2xx} .. {@code 5xx}, {@code none} when no response came).
   */
  void attempted(int statusCode) {
    boolean succeeded = statusCode >= 200 && statusCode < 300;
    Counter.builder("billhook.delivery.attempts")
        .description("HTTP attempts to deliver a webhook, by outcome and response status class")
        .tag("outcome", succeeded ? "succeeded" : "failed")
        .tag("status", statusClass(statusCode))
        .register(registry)
        .increment();
  }

  /** A delivery settled: {@code succeeded} or {@code failed} (given up, gone, or disabled). */
  public void settled(String outcome) {
    Counter.builder("billhook.deliveries")
        .description("Deliveries of an event to an endpoint that reached a final status")
        .tag("outcome", "succeeded".equals(outcome) ? "succeeded" : "failed")
        .register(registry)
        .increment();
  }

  /** The delivery of the event succeeded at {@code at}: time since the event was accepted. */
  void delivered(String vendorId, String eventId, Instant at, Instant acceptedAt) {
    if (jdbc == null && acceptedAt == null) {
      return;
    }
    try {
      Instant accepted =
          acceptedAt != null
              ? acceptedAt
              : jdbc.queryForObject(
                  ACCEPTED_AT, (row, i) -> row.getTimestamp(1).toInstant(), vendorId, eventId);
      if (accepted != null && !at.isBefore(accepted)) {
        latency.record(Duration.between(accepted, at));
      }
    } catch (RuntimeException e) {
      log.debug("No delivery latency for {}: {}", eventId, e.toString());
    }
  }

  private static String statusClass(int statusCode) {
    if (statusCode < 100 || statusCode > 599) {
      return "none";
    }
    return (statusCode / 100) + "xx";
  }
}
