package io.billhook.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * An event as receivers see it (docs/receivers.md, "What arrives"): {@code body} is the compact
 * envelope {@code {"id","type","timestamp","data"}}, byte-identical to JavaScript's output.
 */
public record Envelope(String id, String type, Instant timestamp, String body) {

  public static Envelope of(String id, String type, Instant timestamp, JsonNode data) {
    Instant seconds = timestamp.truncatedTo(ChronoUnit.SECONDS);
    ObjectNode envelope = JsonNodeFactory.instance.objectNode();
    envelope.put("id", id);
    envelope.put("type", type);
    envelope.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(seconds));
    envelope.set("data", data);
    return new Envelope(id, type, seconds, JavaScriptJson.stringify(envelope));
  }

  /** The {@code data} object of the body. */
  public JsonNode data() {
    return StrictJsonParser.parse(body).get("data");
  }
}
