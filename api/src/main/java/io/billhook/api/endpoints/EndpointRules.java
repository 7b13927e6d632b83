package io.billhook.api.endpoints;

import io.billhook.api.problems.ApiException;
import io.billhook.worker.endpoints.Endpoint;
import io.billhook.workflows.events.EventType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What an endpoint's events, description and custom headers may be. */
final class EndpointRules {
  private static final int MAX_DESCRIPTION = 500;
  private static final int MAX_HEADERS = 20;
  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}");
  private static final Set<String> RESERVED =
      Set.of(
          "content-type",
          "content-length",
          "host",
          "user-agent",
          "connection",
          "transfer-encoding",
          "x-webhook-signature",
          "x-webhook-event",
          "webhook-id",
          "webhook-timestamp",
          "webhook-signature");

  private EndpointRules() {}

  static List<String> events(List<String> events) {
    if (events == null || events.isEmpty()) {
      throw ApiException.badRequest(
          "events must be a non-empty array of event types, or [\"*\"] for all"
              + " (see GET /v1/event-types)");
    }
    List<String> unknown = new ArrayList<>();
    for (String type : events) {
      boolean known = Endpoint.ALL_EVENTS.equals(type) || EventType.fromWireName(type).isPresent();
      if (!known) {
        unknown.add(String.valueOf(type));
      }
    }
    if (!unknown.isEmpty()) {
      throw ApiException.badRequest(
          "unknown event types " + unknown + "; see GET /v1/event-types for the catalogue");
    }
    return List.copyOf(new java.util.LinkedHashSet<>(events));
  }

  static String description(String description) {
    if (description != null && description.length() > MAX_DESCRIPTION) {
      throw ApiException.badRequest("description must be at most 500 characters");
    }
    return description;
  }

  static Map<String, String> headers(Map<String, String> headers) {
    if (headers == null) {
      return Map.of();
    }
    if (headers.size() > MAX_HEADERS) {
      throw ApiException.badRequest("headers may hold at most 20 entries");
    }
    Map<String, String> checked = new LinkedHashMap<>();
    headers.forEach(
        (name, value) -> {
          if (name == null || !HEADER_NAME.matcher(name).matches()) {
            throw ApiException.badRequest("header name '" + name + "' is not a valid HTTP token");
          }
          if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw ApiException.badRequest(
                "header '" + name + "' is set by Billhook and cannot be overridden");
          }
          if (value == null || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
            throw ApiException.badRequest(
                "header '" + name + "' must have a value without control characters");
          }
          checked.put(name, value);
        });
    return checked;
  }
}
