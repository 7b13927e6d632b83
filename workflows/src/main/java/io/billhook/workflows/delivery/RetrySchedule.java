package io.billhook.workflows.delivery;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The delivery retry schedule (docs/receivers.md, "Replays, retries and duplicates"), the one home
 * of its numbers: the delay before each attempt after the first, the jitter on each, and the cap on
 * a receiver's Retry-After. The activity picks every wait from it; the workflow reads the run's
 * attempt budget from its input ({@link #maxAttempts()} when the event was accepted), and the
 * default's first delay and the cap for the waits it sets itself. The default gives up after about
 * three and a half days of trying, eleven attempts.
 */
public record RetrySchedule(List<Duration> delays) {

  /** The longest wait: a longer Retry-After is cut to it, and Temporal never backs off longer. */
  public static final Duration MAX_DELAY = Duration.ofHours(24);

  /** Each scheduled delay varies by up to this fraction either way, so that retries spread out. */
  public static final double JITTER = 0.1;

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
   * The wait after attempt {@code attempt} failed: its delay (the last one past the end of the
   * schedule, which a run accepted under a longer schedule can reach) varied by {@code jitter}
   * times {@link #JITTER}, or the receiver's Retry-After if that is longer, up to {@link
   * #MAX_DELAY}.
   *
   * @param jitter from -1 to 1; 0 waits the delay exactly
   */
  public Duration waitAfter(int attempt, double jitter, Optional<Duration> retryAfter) {
    Duration scheduled = delayAfter(attempt).orElse(delays.get(delays.size() - 1));
    Duration jittered = Duration.ofMillis((long) (scheduled.toMillis() * (1 + jitter * JITTER)));
    return retryAfter
        .map(ra -> ra.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : ra)
        .filter(ra -> ra.compareTo(jittered) > 0)
        .orElse(jittered);
  }

  /**
   * Parses a comma-separated list of ISO-8601 durations ("PT5S,PT5M,...") as a configuration value.
   */
  public static RetrySchedule parse(String csv) {
    return new RetrySchedule(
        Arrays.stream(csv.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(Duration::parse)
            .toList());
  }
}
