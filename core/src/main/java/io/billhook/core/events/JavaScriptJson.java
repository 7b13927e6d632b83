package io.billhook.core.events;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Holds the envelope byte-format contract (docs/receivers.md, "What arrives"): a body is delivered
 * exactly as JavaScript's {@code JSON.stringify(JSON.parse(body))} writes it, so a receiver that
 * verifies the signature over {@code JSON.stringify(req.body)} gets the very bytes that were
 * signed. {@link StrictJsonParser} reads the tree this writes.
 */
public final class JavaScriptJson {

  private static final Pattern ARRAY_INDEX = Pattern.compile("0|[1-9][0-9]{0,9}");

  private JavaScriptJson() {}

  /** Writes the tree exactly as JavaScript's JSON.stringify would write JSON.parse of it. */
  public static String stringify(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      // Array-index keys first in numeric order, then the rest in insertion order (stable sort).
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
      fields.sort(Comparator.comparingLong(e -> arrayIndex(e.getKey())));
      out.append('{');
      for (Map.Entry<String, JsonNode> e : fields) {
        writeString(e.getKey(), out.append(out.charAt(out.length() - 1) == '{' ? "" : ","));
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
      out.append(formatNumber(node.doubleValue()));
    } else if (node.isBoolean() || node.isNull()) {
      out.append(node.asText());
    } else {
      throw new IllegalArgumentException(
          "JSON.stringify has no form for a " + node.getNodeType() + " node");
    }
  }

  /** The index of an array-index key (canonical integer 0 to 2^32-2), else Long.MAX_VALUE. */
  private static long arrayIndex(String key) {
    long index = ARRAY_INDEX.matcher(key).matches() ? Long.parseLong(key) : Long.MAX_VALUE;
    return index <= 4294967294L ? index : Long.MAX_VALUE;
  }

  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int shortEscape = "\"\\\b\f\n\r\t".indexOf(c);
      boolean loneSurrogate =
          Character.isHighSurrogate(c)
              ? i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
              : Character.isLowSurrogate(c)
                  && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
      if (shortEscape >= 0) {
        out.append('\\').append("\"\\bfnrt".charAt(shortEscape));
      } else if (c < 0x20 || loneSurrogate) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  /** Number::toString of ECMAScript: the shortest digits that round-trip, laid out as JS does. */
  static String formatNumber(double d) {
    if (!Double.isFinite(d)) {
      return "null";
    } else if (d == 0) {
      return "0";
    } else if (d < 0) {
      return "-" + formatNumber(-d);
    }
    BigDecimal shortest = new BigDecimal(DoubleToDecimal.toString(d)).stripTrailingZeros();
    if (shortest.precision() == 2) { // Java writes 4.9E-324 where JavaScript's 5e-324 round-trips
      BigDecimal exact = new BigDecimal(d);
      shortest =
          Stream.of(RoundingMode.FLOOR, RoundingMode.CEILING)
              .map(mode -> exact.round(new MathContext(1, mode)).stripTrailingZeros())
              .filter(oneDigit -> oneDigit.doubleValue() == d)
              .min(Comparator.comparing(oneDigit -> oneDigit.subtract(exact).abs()))
              .orElse(shortest);
    }
    String digits = shortest.unscaledValue().toString();
    int k = digits.length();
    int n = k - shortest.scale(); // value = 0.digits x 10^n
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
}
