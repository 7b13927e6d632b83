package io.billhook.core.events;

import static java.time.temporal.ChronoField.DAY_OF_MONTH;
import static java.time.temporal.ChronoField.HOUR_OF_DAY;
import static java.time.temporal.ChronoField.MINUTE_OF_HOUR;
import static java.time.temporal.ChronoField.MONTH_OF_YEAR;
import static java.time.temporal.ChronoField.NANO_OF_SECOND;
import static java.time.temporal.ChronoField.SECOND_OF_MINUTE;
import static java.time.temporal.ChronoField.YEAR;

import com.fasterxml.jackson.databind.JsonNode;
import io.billhook.core.refusals.Refusal;
import io.billhook.workflows.lifecycle.LifecycleLimits;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The times a report may carry: RFC 3339 date-times (a four-digit year, seconds, an optional
 * fraction, then {@code Z} or {@code ±hh:mm}; no leap second), inside a window. The event's {@code
 * timestamp} is when it happened: at most {@link #TIMESTAMP_AGE} ago and {@link #TIMESTAMP_SKEW}
 * ahead. Lifecycle times (trialEnd, currentPeriodEnd) lie within {@link LifecycleLimits}.
 */
final class ReportInstants {
  static final Duration TIMESTAMP_AGE = Duration.ofDays(30);
  static final Duration TIMESTAMP_SKEW = Duration.ofMinutes(5);

  private static final DateTimeFormatter RFC_3339 =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendValue(YEAR, 4)
          .appendLiteral('-')
          .appendValue(MONTH_OF_YEAR, 2)
          .appendLiteral('-')
          .appendValue(DAY_OF_MONTH, 2)
          .appendLiteral('T')
          .appendValue(HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(MINUTE_OF_HOUR, 2)
          .appendLiteral(':')
          .appendValue(SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .appendOffset("+HH:MM", "Z")
          .toFormatter(Locale.ROOT)
          .withChronology(IsoChronology.INSTANCE)
          .withResolverStyle(ResolverStyle.STRICT);

  private ReportInstants() {}

  /** The report's {@code timestamp}: recent, and not ahead of Billhook's clock by much. */
  static Instant timestamp(JsonNode node, Instant now) {
    Instant earliest = now.minus(TIMESTAMP_AGE);
    Instant latest = now.plus(TIMESTAMP_SKEW);
    return within(
        node,
        "timestamp",
        earliest,
        latest,
        "timestamp must lie within the last 30 days and at most 5 minutes ahead of Billhook's"
            + " clock (from "
            + seconds(earliest)
            + " to "
            + seconds(latest)
            + "); leave it out to stamp the event with the time it is reported");
  }

  /** A trial's or period's end ({@code field} is named in messages, e.g. data.trialEnd). */
  static Instant lifecycle(JsonNode node, String field, Instant now) {
    Instant latest = LifecycleLimits.latest(now);
    return within(
        node,
        field,
        LifecycleLimits.EARLIEST,
        latest,
        field
            + " must lie between "
            + LifecycleLimits.EARLIEST
            + " and "
            + LifecycleLimits.HORIZON_YEARS
            + " years from now ("
            + seconds(latest)
            + ")");
  }

  private static Instant within(
      JsonNode node, String field, Instant earliest, Instant latest, String outside) {
    String text = node != null && node.isTextual() ? node.asText() : null;
    Instant instant = text == null ? null : parse(text);
    if (instant == null) {
      // An ISO-8601 shape that RFC 3339 lacks (a year past 9999, say) is refused for its value.
      Instant iso = text == null ? null : parseIso(text);
      if (iso != null && (iso.isBefore(earliest) || iso.isAfter(latest))) {
        throw Refusal.invalid(outside);
      }
      throw Refusal.invalid(
          field
              + " must be an ISO-8601 instant with an offset, such as 2026-03-29T14:32:00Z"
              + " (date, time to the second, optional fraction, then Z or +hh:mm/-hh:mm)");
    }
    if (instant.isBefore(earliest) || instant.isAfter(latest)) {
      throw Refusal.invalid(outside);
    }
    return instant;
  }

  private static Instant parse(String text) {
    try {
      return RFC_3339.parse(text, OffsetDateTime::from).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Instant parseIso(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Instant seconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS);
  }
}
