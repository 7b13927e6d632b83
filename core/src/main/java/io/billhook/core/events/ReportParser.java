package io.billhook.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billhook.core.refusals.Refusal;
import io.billhook.workflows.events.DataField;
import io.billhook.workflows.events.EventType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a report's JSON text into a {@link ParsedReport}, or refuses it with a message that says
 * what to fix: the envelope's fields, the type, and the data fields lifecycle events need.
 */
final class ReportParser {
  private static final Set<String> FIELDS = Set.of("id", "type", "timestamp", "data");
  private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
  static final Pattern ENTITY_ID = Pattern.compile("[A-Za-z0-9_.:@-]{1,128}");

  private ReportParser() {}

  static ParsedReport parse(String text) {
    return parse(text, Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  /** As {@link #parse(String)}, checking times against the windows at {@code now}. */
  static ParsedReport parse(String text, Instant now) {
    if (text == null || text.isBlank()) {
      throw Refusal.invalid("request body must be a JSON object {\"type\": ..., \"data\": {...}}");
    }
    JsonNode root = StrictJsonParser.parse(text);
    if (!root.isObject()) {
      throw Refusal.invalid("request body must be a JSON object");
    }
    List<String> unknown = new ArrayList<>();
    root.fieldNames()
        .forEachRemaining(
            f -> {
              if (!FIELDS.contains(f)) {
                unknown.add(f);
              }
            });
    if (!unknown.isEmpty()) {
      throw Refusal.invalid(
          "unknown fields "
              + unknown
              + "; an event has id (optional), type, timestamp (optional)"
              + " and data");
    }
    EventType type = type(root.get("type"));
    JsonNode data = root.get("data");
    if (data == null || !data.isObject()) {
      throw Refusal.invalid("data is required and must be a JSON object");
    }
    Map<String, Instant> instants = checkData(type, data, now);
    return new ParsedReport(
        id(root.get("id")),
        type,
        timestamp(root.get("timestamp"), now),
        (ObjectNode) data,
        instants);
  }

  private static EventType type(JsonNode node) {
    if (node == null || !node.isTextual()) {
      throw Refusal.invalid("type is required: a string such as \"payment.received\"");
    }
    EventType type =
        EventType.fromWireName(node.asText())
            .orElseThrow(
                () ->
                    Refusal.invalid(
                        "unknown event type '"
                            + node.asText()
                            + "'; see GET /v1/event-types for the catalogue"));
    if (type.origin() != EventType.Origin.REPORTED) {
      throw Refusal.invalid(
          type.wireName()
              + switch (type.origin()) {
                case TIMED -> " is produced by Billhook's own timers and cannot be reported";
                case GENERATED -> " is produced by Billhook itself and cannot be reported";
                default -> " is sent with POST .../endpoints/{endpointId}/test";
              });
    }
    return type;
  }

  private static String id(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual() || !EVENT_ID.matcher(node.asText()).matches()) {
      throw Refusal.invalid(
          "id must be 1 to 128 letters, digits or '_', '-', '.', ':' (or left out)");
    }
    return node.asText();
  }

  private static Instant timestamp(JsonNode node, Instant now) {
    if (node == null || node.isNull()) {
      return null;
    }
    return ReportInstants.timestamp(node, now);
  }

  /**
   * Checks the data fields the type requires, and the optional ones it reads when they are sent (a
   * time present, even as null, counts as sent); returns the times, parsed.
   */
  private static Map<String, Instant> checkData(EventType type, JsonNode data, Instant now) {
    Map<String, Instant> instants = new HashMap<>();
    for (DataField field : type.data()) {
      String name = "data." + field.name();
      JsonNode value = data.get(field.name());
      if (field.required() && (value == null || value.isNull())) {
        throw Refusal.invalid(type.wireName() + " needs " + name + " (" + describe(field) + ")");
      }
      switch (field.kind()) {
        case ID -> checkId(field, value, name);
        case INSTANT -> {
          if (value != null) {
            instants.put(field.name(), ReportInstants.lifecycle(value, name, now));
          }
        }
        case BOOLEAN -> {
          if (value != null && !value.isBoolean()) {
            throw Refusal.invalid(name + " must be true or false");
          }
        }
      }
    }
    return Map.copyOf(instants);
  }

  private static void checkId(DataField field, JsonNode value, String name) {
    if (value == null || value.isNull()) {
      return; // optional and left out: a required one was refused above
    }
    if (!value.isTextual() || !ENTITY_ID.matcher(value.asText()).matches()) {
      throw Refusal.invalid(
          field.required()
              ? name + " must be a string id of 1 to 128 letters, digits or _-.:@"
              : name + " must be a string id (or left out)");
    }
  }

  private static String describe(DataField field) {
    return field.kind() == DataField.Kind.ID
        ? "a string id"
        : "an ISO-8601 instant such as 2026-03-29T14:32:00Z";
  }
}
