package io.billhook.worker.events;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Holds the envelope byte-format contract (../shared/DESIGN.md, "The event contract"): a body is
 * delivered exactly as JavaScript's {@code JSON.stringify(JSON.parse(body))} would write it.
 */
public final class JsJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .enable(
              DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS,
              DeserializationFeature.USE_BIG_INTEGER_FOR_INTS,
              DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
  private static final long MAX_ARRAY_INDEX = 4294967294L; // 2^32 - 2

  private JsJson() {}

  /**
   * Parses JSON text into a tree keeping every number's exact literal value; refuses what
   * JavaScript would change.
   */
  public static JsonNode parse(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      if (parsesWithoutTrailingCheck(json)) {
        throw new RefusedJsonException(
            "unexpected content after the JSON value" + where + "; send exactly one JSON value");
      }
      String why =
          String.valueOf(e.getOriginalMessage())
              .split("\n")[0]
              .replaceAll(" ?\\(?start marker at \\[Source: [^\\]]*\\]\\)?", "");
      throw new RefusedJsonException(
          "malformed JSON" + where + ": " + why + "; send valid JSON (RFC 8259)");
    }
    if (root == null || root.isMissingNode()) {
      throw new RefusedJsonException("the body is empty; send a JSON value");
    }
    checkNumbers(root, "");
    return root;
  }

  /** Writes the tree exactly as JavaScript's JSON.stringify would write JSON.parse of it. */
  public static String stringify(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString();
  }

  private static boolean parsesWithoutTrailingCheck(String json) {
    try {
      return MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(json)
          != null;
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static void checkNumbers(JsonNode node, String path) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        checkNumbers(e.getValue(), path + "/" + e.getKey().replace("~", "~0").replace("/", "~1"));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkNumbers(node.get(i), path + "/" + i);
      }
    } else if (node.isNumber()) {
      double d = toDouble(node);
      String at =
          "number at " + (path.isEmpty() ? "the top level" : path) + " (" + node.asText() + ")";
      if (Double.isInfinite(d)) {
        throw new RefusedJsonException(
            at + " is too large for JavaScript (it becomes Infinity); send it as a string");
      }
      if (node.isIntegralNumber()
          && node.bigIntegerValue().bitLength() > 53
          && new BigDecimal(d).compareTo(node.decimalValue()) != 0
          && new BigDecimal(formatNumber(d)).compareTo(node.decimalValue()) != 0) {
        throw new RefusedJsonException(
            at + " cannot be represented exactly in JavaScript; send it as a string");
      }
    }
  }

  private static double toDouble(JsonNode n) {
    return n.isIntegralNumber()
        ? n.bigIntegerValue().doubleValue()
        : n.isBigDecimal() ? n.decimalValue().doubleValue() : n.doubleValue();
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> indexKeys = new ArrayList<>();
      List<Map.Entry<String, JsonNode>> otherKeys = new ArrayList<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        (isArrayIndex(e.getKey()) ? indexKeys : otherKeys).add(e);
      }
      indexKeys.sort(
          (a, b) -> Long.compare(Long.parseLong(a.getKey()), Long.parseLong(b.getKey())));
      indexKeys.addAll(otherKeys);
      out.append('{');
      for (Map.Entry<String, JsonNode> e : indexKeys) {
        out.append(out.charAt(out.length() - 1) == '{' ? "" : ",");
        writeString(e.getKey(), out);
        write(e.getValue(), out.append(':'));
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        write(node.get(i), out.append(i == 0 ? "" : ","));
      }
      out.append(']');
    } else if (node.isTextual()) {
      writeString(node.textValue(), out);
    } else if (node.isNumber()) {
      out.append(formatNumber(toDouble(node)));
    } else if (node.isBoolean() || node.isNull()) {
      out.append(node.asText());
    } else {
      throw new IllegalArgumentException(
          "JSON.stringify has no form for a " + node.getNodeType() + " node");
    }
  }

  static boolean isArrayIndex(String key) {
    int len = key.length();
    if (len == 0 || len > 10 || (len > 1 && key.charAt(0) == '0')) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (key.charAt(i) < '0' || key.charAt(i) > '9') {
        return false;
      }
    }
    return Long.parseLong(key) <= MAX_ARRAY_INDEX;
  }

  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          boolean paired =
              Character.isHighSurrogate(c)
                  ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                  : Character.isLowSurrogate(c)
                      && i > 0
                      && Character.isHighSurrogate(s.charAt(i - 1));
          if (c < 0x20 || (Character.isSurrogate(c) && !paired)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Number::toString of ECMAScript: shortest round-trip digits, then the JavaScript layout. */
  static String formatNumber(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return "null";
    }
    if (d == 0) {
      return "0";
    }
    if (d < 0) {
      return "-" + formatNumber(-d);
    }
    BigDecimal shortest = new BigDecimal(DoubleToDecimal.toString(d)).stripTrailingZeros();
    if (shortest.precision() == 2) {
      // Java may print 2 digits where 1 digit round-trips (5e-324 -> 4.9E-324); JavaScript wants 1.
      BigDecimal exact = new BigDecimal(d);
      BigDecimal down = exact.round(new MathContext(1, RoundingMode.FLOOR));
      BigDecimal up = exact.round(new MathContext(1, RoundingMode.CEILING));
      boolean downOk = down.doubleValue() == d;
      boolean upOk = up.doubleValue() == d;
      if (downOk || upOk) {
        shortest =
            !upOk || (downOk && exact.subtract(down).compareTo(up.subtract(exact)) <= 0)
                ? down
                : up;
        shortest = shortest.stripTrailingZeros();
      }
    }
    String digits = shortest.unscaledValue().toString();
    int k = digits.length();
    int n = k - shortest.scale();
    if (k <= n && n <= 21) {
      return digits + "0".repeat(n - k);
    } else if (0 < n && n <= 21) {
      return digits.substring(0, n) + "." + digits.substring(n);
    } else if (-6 < n && n <= 0) {
      return "0." + "0".repeat(-n) + digits;
    }
    String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return mantissa + "e" + (n - 1 < 0 ? "-" : "+") + Math.abs(n - 1);
  }

  /**
   * The body is JSON that Billhook will not forward, because JavaScript would reject or change it.
   */
  public static final class RefusedJsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public RefusedJsonException(String message) {
      super(message);
    }
  }
}
