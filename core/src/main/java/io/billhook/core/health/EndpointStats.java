package io.billhook.core.health;

import java.time.Instant;

/**
 * An endpoint's deliveries and attempts from {@code since} to {@code until}. Delivered and failed
 * deliveries are those that ended in the window; pending ones are all those pending now. The
 * success rate is delivered over delivered and failed (null when none ended); the latencies are
 * those of the window's attempts (null when there were none). {@code failingSince} is when its
 * current run of failed attempts began, or null while its last attempt succeeded.
 */
public record EndpointStats(
    String endpointId,
    Instant since,
    Instant until,
    Deliveries deliveries,
    Attempts attempts,
    Double successRate,
    Latency latencyMs,
    Instant failingSince) {

  /** Deliveries by outcome. */
  public record Deliveries(long delivered, long failed, long pending) {}

  /** Attempts by outcome: a 2xx answer, or anything else. */
  public record Attempts(long total, long succeeded, long failed) {}

  /** Attempt durations in milliseconds, by percentile (continuous). */
  public record Latency(Double p50, Double p95) {}
}
