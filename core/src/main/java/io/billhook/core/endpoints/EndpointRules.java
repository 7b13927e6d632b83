package io.billhook.core.endpoints;

import io.billhook.core.refusals.Refusal;
import io.billhook.workflows.events.EventType;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What an endpoint's events, description and secret-rotation overlap may be (its headers: {@link
 * EndpointHeaders}).
 */
final class EndpointRules {
  private static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
  private static final Duration MAX_OVERLAP = Duration.ofDays(7);

  static final int MAX_DESCRIPTION = 500;
  private static final int MAX_EVENTS = EventType.values().length;
  private static final int SHOWN = 64;

  private EndpointRules() {}

  /**
   * Event types from the catalogue, each once, or {@code ["*"]} alone for all; returns them in the
   * order sent.
   */
  static List<String> events(List<String> events) {
    if (events == null || events.isEmpty()) {
      throw Refusal.invalid(
          "events must be a non-empty array of event types, or [\"*\"] for all"
              + " (see GET /v1/event-types)");
    }
    if (events.size() > MAX_EVENTS) {
      throw Refusal.invalid(
          "events may list at most " + MAX_EVENTS + " types, each once; use [\"*\"] for all");
    }
    List<String> unknown = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String type : events) {
      if (type == null) {
        throw Refusal.invalid("events must hold event type names, not null");
      }
      if (!seen.add(type)) {
        throw Refusal.invalid("events lists '" + shown(type) + "' more than once");
      }
      if (!Endpoint.ALL_EVENTS.equals(type) && EventType.fromWireName(type).isEmpty()) {
        unknown.add(shown(type));
      }
    }
    if (!unknown.isEmpty()) {
      throw Refusal.invalid(
          "unknown event types " + unknown + "; see GET /v1/event-types for the catalogue");
    }
    if (seen.contains(Endpoint.ALL_EVENTS) && events.size() > 1) {
      throw Refusal.invalid(
          "events: \"*\" already means every type; send [\"*\"] alone, or list the types");
    }
    return List.copyOf(events);
  }

  /** Up to 500 characters of text: line breaks and tabs, but no other control characters. */
  static String description(String description) {
    if (description == null) {
      return null;
    }
    if (description.codePointCount(0, description.length()) > MAX_DESCRIPTION) {
      throw Refusal.invalid("description must be at most " + MAX_DESCRIPTION + " characters");
    }
    if (description.chars().anyMatch(EndpointRules::isControl)) {
      throw Refusal.invalid(
          "description must be text: no control characters (such as NUL) besides line breaks"
              + " and tabs");
    }
    return description;
  }

  private static boolean isControl(int c) {
    return Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t';
  }

  /** Enough of a caller's string to recognise it, however long it was. */
  private static String shown(String text) {
    if (text.codePointCount(0, text.length()) <= SHOWN) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, SHOWN)) + "...";
  }

  /**
   * How long a rotated-out secret keeps signing: an ISO-8601 duration of whole seconds from PT0S to
   * P7D; null means 24 hours.
   */
  static Duration overlap(String text) {
    Duration overlap = text == null ? DEFAULT_OVERLAP : wholeSecondsUpTo(text, MAX_OVERLAP);
    if (overlap == null) {
      throw Refusal.invalid(
          "overlap must be an ISO-8601 duration in whole seconds from PT0S to P7D, such as PT24H"
              + " or P3D (got '"
              + text
              + "')");
    }
    return overlap;
  }

  /** The duration {@code text} names if it is whole seconds from zero to {@code max}, else null. */
  private static Duration wholeSecondsUpTo(String text, Duration max) {
    try {
      Duration parsed = Duration.parse(text);
      boolean allowed = !parsed.isNegative() && parsed.compareTo(max) <= 0 && parsed.getNano() == 0;
      return allowed ? parsed : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
