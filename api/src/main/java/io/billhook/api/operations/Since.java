package io.billhook.api.operations;

import io.billhook.core.refusals.Refusal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** A {@code since} the caller sends: an RFC 3339 date-time with an offset. */
final class Since {
  private Since() {}

  static Instant parse(String text) {
    if (text == null || text.isBlank()) {
      throw Refusal.invalid(
          "since is required: an RFC 3339 date-time such as 2026-03-29T14:32:00Z");
    }
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw Refusal.invalid(
          "since must be an RFC 3339 date-time with an offset, such as 2026-03-29T14:32:00Z or"
              + " 2026-03-29T16:32:00+02:00");
    }
  }
}
