package io.billhook.core.events;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.billhook.core.events.StrictJsonParser.RefusedJsonException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Says why {@link StrictJsonParser#parse} refuses a text, in Billhook's own words: what is wrong,
 * where the text breaks and what to send instead. It works from the kind of failure and where it
 * happened, never from the parser's message.
 */
final class ParseRefusals {
  private static final int LONGEST_WORD_SHOWN = 20;

  private final ObjectMapper mapper;
  private final ObjectReader anyKeyTwice;
  private final ObjectReader anyTrailingContent;

  /** Explains the refusals of a mapper, given the same mapper but for a key twice. */
  ParseRefusals(ObjectMapper mapper, ObjectMapper allowingKeysTwice) {
    this.mapper = mapper;
    this.anyKeyTwice = allowingKeysTwice.reader();
    this.anyTrailingContent =
        mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** Why the text is not one JSON value Billhook forwards, in the sender's terms. */
  RefusedJsonException of(String json, JsonProcessingException e) {
    if (e instanceof StreamConstraintsException) {
      return beyondLimits(json);
    }
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    if (e.getProcessor() instanceof JsonParser parser && readsPast(anyKeyTwice, json, at)) {
      return new RefusedJsonException(
          "duplicate field '"
              + field(parser.getParsingContext())
              + "'"
              + where
              + "; send each field once");
    } else if (readsPast(anyTrailingContent, json, at)) {
      return new RefusedJsonException(
          "unexpected content after the JSON value" + where + "; send exactly one JSON value");
    }
    int offset = at == null ? -1 : (int) Math.min(at.getCharOffset(), json.length());
    if (offset > 0 && isStrayControl(json.charAt(offset - 1))) {
      // The parser reports a stray control character on the character after it.
      offset--;
      where = " at line " + at.getLineNr() + ", column " + (at.getColumnNr() - 1);
    }
    return new RefusedJsonException(
        "request body is not valid JSON"
            + where
            + problemAt(json, offset, e instanceof JsonEOFException)
            + "; send valid JSON");
  }

  /**
   * Whether the text reads past the place it failed at once one rule is relaxed: then that rule,
   * not the syntax, is what refused it.
   */
  private static boolean readsPast(ObjectReader relaxed, String json, JsonLocation failedAt) {
    try {
      return relaxed.readTree(json) != null;
    } catch (StreamConstraintsException e) { // a limit broken beyond the failure point
      return true;
    } catch (JsonProcessingException e) {
      return failedAt != null
          && e.getLocation() != null
          && e.getLocation().getCharOffset() > failedAt.getCharOffset();
    } catch (NumberFormatException e) { // a number beyond the failure point
      return true;
    }
  }

  /** What the sender will find at the offset where the text breaks. */
  private static String problemAt(String json, int offset, boolean endsEarly) {
    if (offset < 0) {
      return "";
    }
    int pos = offset < json.length() || endsEarly ? offset : offset - 1;
    if (endsEarly || pos < 0 || pos >= json.length()) {
      return ": the text ends before the JSON value is complete";
    } else if (Character.isLetter(json.charAt(pos))) {
      int start = pos;
      int end = pos + 1;
      while (start > 0 && Character.isLetter(json.charAt(start - 1))) {
        start--;
      }
      while (end < json.length() && Character.isLetter(json.charAt(end))) {
        end++;
      }
      if (end - start > 1) {
        String word = json.substring(start, Math.min(end, start + LONGEST_WORD_SHOWN));
        return ": unexpected word '" + word + (end - start > LONGEST_WORD_SHOWN ? "...'" : "'");
      }
    }
    return ": unexpected character " + shown(json.codePointAt(pos));
  }

  private static boolean isStrayControl(char c) {
    return Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r';
  }

  /** A character as the sender can read it: quoted when visible, else its code point. */
  private static String shown(int codePoint) {
    int type = Character.getType(codePoint);
    boolean invisible =
        Character.isISOControl(codePoint)
            || Character.isWhitespace(codePoint)
            || Character.isSpaceChar(codePoint)
            || type == Character.FORMAT
            || type == Character.SURROGATE
            || type == Character.UNASSIGNED
            || type == Character.PRIVATE_USE;
    if (invisible) {
      return String.format("U+%04X", codePoint);
    }
    String glyph = new String(Character.toChars(codePoint));
    return codePoint == '\'' ? "\"'\"" : "'" + glyph + "'";
  }

  /** The text breaks one of the parser's limits: reads it again to say which, and where. */
  private RefusedJsonException beyondLimits(String json) {
    try (JsonParser parser = mapper.createParser(json)) {
      try {
        while (parser.nextToken() != null) {
          parser.finishToken(); // strings are read lazily; their length is checked here
        }
      } catch (StreamConstraintsException e) {
        return limitBroken(parser, json);
      }
    } catch (IOException e) {
      // the limit was broken after all; fall through to the general answer
    }
    return new RefusedJsonException(
        "request body is larger than Billhook reads; send a smaller document");
  }

  private static RefusedJsonException limitBroken(JsonParser parser, String json) {
    StreamReadConstraints limits = parser.streamReadConstraints();
    JsonLocation token = parser.currentTokenLocation();
    String where = " at line " + token.getLineNr() + ", column " + token.getColumnNr();
    long offset = token.getCharOffset();
    char first = offset >= 0 && offset < json.length() ? json.charAt((int) offset) : ' ';
    if (parser.getParsingContext().getNestingDepth() > limits.getMaxNestingDepth()) {
      return new RefusedJsonException(
          "request body nests deeper than "
              + limits.getMaxNestingDepth()
              + " levels; send a flatter document");
    } else if (first == '-' || Character.isDigit(first)) {
      return new RefusedJsonException(
          "request body has a number longer than "
              + limits.getMaxNumberLength()
              + " characters"
              + where
              + "; send it as a string");
    } else if (parser.currentToken() == JsonToken.VALUE_STRING) {
      return new RefusedJsonException(
          "request body has a string longer than "
              + limits.getMaxStringLength()
              + " characters"
              + where
              + "; send a smaller document");
    }
    return new RefusedJsonException(
        "request body has a key longer than "
            + limits.getMaxNameLength()
            + " characters; send shorter keys");
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
