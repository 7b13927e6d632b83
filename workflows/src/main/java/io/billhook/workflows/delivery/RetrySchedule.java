package io.billhook.workflows.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The delivery retry schedule (docs/receivers.md, "Replays, retries and duplicates"): the delay
 * before each attempt after the first. The default gives up after about three and a half days of
 * trying, eleven attempts.
 */
public record RetrySchedule(List<Duration> delays) {

  public static final RetrySchedule DEFAULT =
      new RetrySchedule(
          List.of(
              Duration.ofSeconds(5),
              Duration.ofMinutes(5),
              Duration.ofMinutes(30),
              Duration.ofHours(2),
              Duration.ofHours(5),
              Duration.ofHours(10),
              Duration.ofHours(10),
              Duration.ofHours(14),
              Duration.ofHours(20),
              Duration.ofHours(24)));

  public RetrySchedule {
    delays = List.copyOf(delays);
  }

  /** Attempts in all: the first, immediate one plus one per delay. */
  public int maxAttempts() {
    return delays.size() + 1;
  }

  /**
   * The delay to wait after attempt {@code attempt} (1-based) failed, or empty if it was the last.
   */
  public Optional<Duration> delayAfter(int attempt) {
    return attempt >= 1 && attempt <= delays.size()
        ? Optional.of(delays.get(attempt - 1))
        : Optional.empty();
  }

  /**
   * Parses a comma-separated list of ISO-8601 durations ("PT5S,PT5M,...") as a configuration value.
   */
  public static RetrySchedule parse(String csv) {
    return new RetrySchedule(
        java.util.Arrays.stream(csv.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(Duration::parse)
            .toList());
  }
}
