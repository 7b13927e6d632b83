package io.billhook.core.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Reads JSON text strictly, as JavaScript's {@code JSON.parse} would, refusing what Billhook will
 * not forward; {@link JavaScriptJson} writes the tree back out.
 */
public final class StrictJsonParser {

  private static final ObjectMapper MAPPER =
      reader().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ParseRefusals REFUSALS = new ParseRefusals(MAPPER, reader().build());

  private StrictJsonParser() {}

  /**
   * Parses JSON text into a tree that keeps every number's exact literal value. Refuses what
   * Billhook will not forward: malformed JSON, trailing content, a key twice in one object (the
   * sender's intent is unclear), U+0000 in a string or key (PostgreSQL cannot store it), and
   * numbers JavaScript would turn into Infinity or another integer.
   */
  public static JsonNode parse(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw REFUSALS.of(json, e);
    } catch (NumberFormatException e) {
      // An exponent beyond what a decimal can hold, like 1e-99999999999.
      throw new RefusedJsonException(
          "request body has a number with an exponent out of range; send it as a string");
    }
    if (root == null || root.isMissingNode()) {
      throw new RefusedJsonException("the body is empty; send a JSON value");
    }
    checkValues(root, "");
    return root;
  }

  /** How Billhook reads JSON, apart from refusing a key twice. */
  private static JsonMapper.Builder reader() {
    return JsonMapper.builder()
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES) // exact: 30.00 stays 30.00
        .enable(
            DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS,
            DeserializationFeature.USE_BIG_INTEGER_FOR_INTS,
            DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  private static String named(String path) {
    return path.isEmpty() ? "the body" : "field '" + path + "'";
  }

  private static void checkValues(JsonNode node, String path) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String child = (path.isEmpty() ? "" : path + ".") + e.getKey();
        if (e.getKey().indexOf('\0') >= 0) {
          throw nul("a key in " + named(path));
        }
        checkValues(e.getValue(), child);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkValues(node.get(i), path + "[" + i + "]");
      }
    } else if (node.isTextual() && node.textValue().indexOf('\0') >= 0) {
      throw nul(named(path));
    } else if (node.isNumber()) {
      checkNumber(node, path);
    }
  }

  private static RefusedJsonException nul(String what) {
    return new RefusedJsonException(
        what + " contains a NUL character (\\u0000), which cannot be stored; remove it");
  }

  private static void checkNumber(JsonNode node, String path) {
    double d = node.doubleValue();
    String at = named(path) + " (" + node.asText() + ")";
    if (Double.isInfinite(d)) {
      throw new RefusedJsonException(
          at + " is too large for JavaScript (it becomes Infinity); send it as a string");
    }
    // An integer is kept if the double holds it exactly or JavaScript prints its very digits.
    BigDecimal literal = node.decimalValue();
    if (node.isIntegralNumber()
        && node.bigIntegerValue().bitLength() > 53
        && new BigDecimal(d).compareTo(literal) != 0
        && new BigDecimal(JavaScriptJson.formatNumber(d)).compareTo(literal) != 0) {
      throw new RefusedJsonException(
          at + " cannot be represented exactly in JavaScript; send it as a string");
    }
  }

  /** The body is JSON Billhook will not forward, because JavaScript would reject or change it. */
  public static final class RefusedJsonException extends io.billhook.core.refusals.Refusal {
    private static final long serialVersionUID = 1L;

    public RefusedJsonException(String message) {
      super(Kind.INVALID, message);
    }
  }
}
