package io.billhook.core.health;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * How long every attempt to an endpoint must have failed before it is disabled ({@code
 * BILLHOOK_DISABLE_AFTER}): an ISO-8601 duration from {@link #MINIMUM} to {@link #MAXIMUM}. At
 * least a minute, so that one bad deploy of a receiver does not disable it; at most 90 days, beyond
 * which the retry schedule has long given up on every delivery.
 */
public record DisableAfter(Duration value) {
  public static final Duration MINIMUM = Duration.ofMinutes(1);
  public static final Duration MAXIMUM = Duration.ofDays(90);
  public static final String DEFAULT = "P5D";

  /** Parses a setting such as {@code P5D} or {@code PT36H}, refusing anything else clearly. */
  public static DisableAfter parse(String text) {
    Duration value;
    try {
      value = Duration.parse(String.valueOf(text).strip());
    } catch (DateTimeParseException | ArithmeticException e) {
      throw refused(text);
    }
    if (value.compareTo(MINIMUM) < 0 || value.compareTo(MAXIMUM) > 0) {
      throw refused(text);
    }
    return new DisableAfter(value);
  }

  private static IllegalArgumentException refused(String got) {
    return new IllegalArgumentException(
        "BILLHOOK_DISABLE_AFTER must be an ISO-8601 duration in days, hours or minutes, such as"
            + " P5D or PT36H, from PT1M to P90D (got '"
            + got
            + "')");
  }
}
