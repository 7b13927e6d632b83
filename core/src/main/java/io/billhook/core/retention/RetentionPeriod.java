package io.billhook.core.retention;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * How long an event's body and its attempts' response excerpts are kept ({@code
 * BILLHOOK_RETENTION}): an ISO-8601 duration from {@link #MINIMUM} to {@link #MAXIMUM}.
 *
 * <p>At least an hour: a shorter one would take the body of a delivery that just failed before
 * anyone could look at it, and before a billing system retrying the same report got it back. At
 * most ten years: far enough for any policy, near enough to compute "now minus it".
 */
public record RetentionPeriod(Duration value) {
  public static final Duration MINIMUM = Duration.ofHours(1);
  public static final Duration MAXIMUM = Duration.ofDays(3650);

  public RetentionPeriod {
    if (!inRange(value)) {
      throw refused(value.toString());
    }
  }

  /** Parses a setting such as {@code P30D} or {@code PT36H}, refusing anything else clearly. */
  public static RetentionPeriod parse(String text) {
    if (text == null || text.isBlank()) {
      throw refused(String.valueOf(text));
    }
    Duration value;
    try {
      value = Duration.parse(text.strip());
    } catch (DateTimeParseException | ArithmeticException e) {
      throw refused(text);
    }
    if (!inRange(value)) {
      throw refused(text);
    }
    return new RetentionPeriod(value);
  }

  private static boolean inRange(Duration value) {
    return value.compareTo(MINIMUM) >= 0 && value.compareTo(MAXIMUM) <= 0;
  }

  private static IllegalArgumentException refused(String got) {
    return new IllegalArgumentException(
        "BILLHOOK_RETENTION must be an ISO-8601 duration in days, hours or minutes, such as P30D"
            + " or PT36H, from PT1H to P3650D (got '"
            + got
            + "')");
  }

  /** The setting's ISO-8601 form, in whole days when it is ({@code P30D}, not {@code PT720H}). */
  @Override
  public String toString() {
    long days = value.toDays();
    return Duration.ofDays(days).equals(value) ? "P" + days + "D" : value.toString();
  }
}
