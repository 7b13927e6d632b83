package io.billhook.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billhook.core.refusals.Refusal;
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

  private enum Kind {
    ID,
    INSTANT
  }

  private static final Map<EventType, Map<String, Kind>> REQUIRED =
      Map.of(
          EventType.TRIAL_STARTED,
          Map.of("trialId", Kind.ID, "customerId", Kind.ID, "trialEnd", Kind.INSTANT),
          EventType.SUBSCRIPTION_CREATED,
          Map.of(
              "subscriptionId", Kind.ID, "customerId", Kind.ID, "currentPeriodEnd", Kind.INSTANT),
          EventType.SUBSCRIPTION_RENEWED,
          Map.of(
              "subscriptionId", Kind.ID, "customerId", Kind.ID, "currentPeriodEnd", Kind.INSTANT),
          EventType.SUBSCRIPTION_CANCELLED,
          Map.of("subscriptionId", Kind.ID),
          EventType.SUBSCRIPTION_SUSPENDED,
          Map.of("subscriptionId", Kind.ID));

  /** Times a type does not require but passes on to its workflow when sent; checked then. */
  private static final Map<EventType, Set<String>> OPTIONAL_INSTANTS =
      Map.of(
          EventType.SUBSCRIPTION_CANCELLED, Set.of("currentPeriodEnd"),
          EventType.SUBSCRIPTION_SUSPENDED, Set.of("currentPeriodEnd"));

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
              + (type.origin() == EventType.Origin.TIMED
                  ? " is produced by Billhook's own timers and cannot be reported"
                  : " is sent with POST .../endpoints/{endpointId}/test"));
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
   * Checks the data fields the type requires, and the optional times it passes on when they are
   * sent (present, even as null, means sent); returns those times, parsed.
   */
  private static Map<String, Instant> checkData(EventType type, JsonNode data, Instant now) {
    Map<String, Instant> instants = new HashMap<>();
    REQUIRED
        .getOrDefault(type, Map.of())
        .forEach(
            (field, kind) -> {
              JsonNode value = data.get(field);
              if (value == null || value.isNull()) {
                throw Refusal.invalid(
                    type.wireName() + " needs data." + field + " (" + describe(kind) + ")");
              }
              if (kind == Kind.ID
                  && (!value.isTextual() || !ENTITY_ID.matcher(value.asText()).matches())) {
                throw Refusal.invalid(
                    "data." + field + " must be a string id of 1 to 128 letters, digits or _-.:@");
              }
              if (kind == Kind.INSTANT) {
                instants.put(field, ReportInstants.lifecycle(value, "data." + field, now));
              }
            });
    for (String field : OPTIONAL_INSTANTS.getOrDefault(type, Set.of())) {
      if (data.has(field)) {
        instants.put(field, ReportInstants.lifecycle(data.get(field), "data." + field, now));
      }
    }
    JsonNode atPeriodEnd = data.get("cancelAtPeriodEnd");
    if (type == EventType.SUBSCRIPTION_CANCELLED
        && atPeriodEnd != null
        && !atPeriodEnd.isBoolean()) {
      throw Refusal.invalid("data.cancelAtPeriodEnd must be true or false");
    }
    JsonNode trialId = data.get("trialId");
    if (type == EventType.SUBSCRIPTION_CREATED
        && trialId != null
        && !trialId.isNull()
        && (!trialId.isTextual() || !ENTITY_ID.matcher(trialId.asText()).matches())) {
      throw Refusal.invalid("data.trialId must be a string id (or left out)");
    }
    return Map.copyOf(instants);
  }

  private static String describe(Kind kind) {
    return kind == Kind.ID ? "a string id" : "an ISO-8601 instant such as 2026-03-29T14:32:00Z";
  }
}
