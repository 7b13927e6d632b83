package io.billhook.core.events;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayDeque;
import java.util.Deque;

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
              + field(parser.getParsingContext())
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

  /** The field being read, as callers write it: data.items[0].sku. */
  private static String field(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      parts.addFirst(c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.getCurrentName());
    }
    String path = String.join("", parts);
    return path.startsWith(".") ? path.substring(1) : path;
  }
}
