package io.billhook.worker.events;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Says why {@link JsJson#parse} refuses a text: where it breaks and what to send instead. */
final class ParseRefusals {
  private static final String JACKSON_JARGON =
      " ?\\(?start marker at \\[Source: [^\\]]*\\]\\)?|: enable `[^`]*` to allow"
          + "| \\(not recognized as one since [^)]*\\)|, from `[^`]*`";
  private static final String NOT_JSON = "request body is not valid JSON";

  private ParseRefusals() {}

  /** Why the text is not one JSON value Billhook forwards, in the sender's terms. */
  static JsJson.RefusedJsonException of(
      ObjectMapper mapper, String json, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    String why =
        String.valueOf(e.getOriginalMessage()).split("\n")[0].replaceAll(JACKSON_JARGON, "");
    if (e instanceof StreamConstraintsException) {
      return new JsJson.RefusedJsonException(
          "JSON too large: " + why + "; send a smaller document");
    } else if (e.getProcessor() instanceof JsonParser parser && why.startsWith("Duplicate field")) {
      return new JsJson.RefusedJsonException(
          "duplicate field '"
              + field(parser.getParsingContext().pathAsPointer())
              + "'"
              + where
              + "; send each field once");
    } else if (isOneValueFollowedByMore(mapper, json)) {
      return new JsJson.RefusedJsonException(
          "unexpected content after the JSON value" + where + "; send exactly one JSON value");
    }
    return new JsJson.RefusedJsonException(NOT_JSON + where + ": " + why + "; send valid JSON");
  }

  private static boolean isOneValueFollowedByMore(ObjectMapper mapper, String json) {
    try {
      return mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(json)
          != null;
    } catch (JsonProcessingException | NumberFormatException e) {
      return false;
    }
  }

  /** A JSON Pointer as callers write a field: {@code /data/items/0/sku} is data.items[0].sku. */
  private static String field(JsonPointer pointer) {
    StringBuilder out = new StringBuilder();
    for (JsonPointer p = pointer; !p.matches(); p = p.tail()) {
      if (p.mayMatchElement()) {
        out.append('[').append(p.getMatchingIndex()).append(']');
      } else {
        out.append(out.isEmpty() ? "" : ".").append(p.getMatchingProperty());
      }
    }
    return out.toString();
  }
}
