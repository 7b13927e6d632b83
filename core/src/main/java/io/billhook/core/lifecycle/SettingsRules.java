package io.billhook.core.lifecycle;

import io.billhook.core.refusals.Refusal;
import io.billhook.workflows.lifecycle.LifecycleLimits;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * What a vendor's lifecycle settings may be: ISO-8601 durations of whole seconds from PT0S to P365D
 * ({@link LifecycleLimits#MAX_SETTING}); seconds so that demos and tests can use PT10S.
 */
final class SettingsRules {
  private static final String ALLOWED = "whole seconds from PT0S to P365D";

  private SettingsRules() {}

  /** The duration {@code value} names, or {@code current} when it was left out. */
  static Duration duration(String field, String value, Duration current) {
    if (value == null) {
      return current;
    }
    Duration parsed;
    try {
      parsed = Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw Refusal.invalid(
          field
              + " must be an ISO-8601 duration such as PT72H, P3D, PT30M or PT10S ("
              + ALLOWED
              + ")");
    }
    if (value.indexOf('-') >= 0) {
      throw Refusal.invalid(field + " must not be negative (" + ALLOWED + ")");
    }
    if (value.indexOf('.') >= 0 || value.indexOf(',') >= 0) {
      throw Refusal.invalid(
          field + " must be a whole number of seconds, without a fraction (" + ALLOWED + ")");
    }
    if (parsed.compareTo(LifecycleLimits.MAX_SETTING) > 0) {
      throw Refusal.invalid(field + " must be at most P365D, that is PT8760H");
    }
    return parsed;
  }
}
