package io.billhook.core.events;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random JSON text with awkward numbers, strings, keys and whitespace. */
final class RandomJson {
  /** The base seed of the generated corpora; override with -Djson.seed=N to explore others. */
  static final long SEED = Long.getLong("json.seed", 20260329L);

  private static final String[] KEYS = {
    "0",
    "1",
    "2",
    "7",
    "9",
    "10",
    "42",
    "99",
    "100",
    "01",
    "00",
    "-1",
    "-0",
    "1.0",
    "1e3",
    " 1",
    "1 ",
    "4294967294",
    "4294967295",
    "4294967296",
    "9007199254740993",
    "",
    "__proto__",
    "constructor",
    "toString",
    "length",
    "a",
    "b",
    "id",
    "data",
    "amount",
    "\u00E9",
    "\uD83D\uDE00"
  };
  private final Random r;

  RandomJson(Random r) {
    this.r = r;
  }

  String document() {
    return ws() + value(0) + ws();
  }

  private String value(int depth) {
    return switch (r.nextInt(depth >= 4 ? 4 : 7)) {
      case 0, 1 -> number();
      case 2 -> quoted(text());
      case 3 -> List.of("true", "false", "null").get(r.nextInt(3));
      case 4, 5 -> object(depth + 1);
      default -> array(depth + 1);
    };
  }

  private String array(int depth) {
    StringBuilder out = new StringBuilder("[" + ws());
    int size = r.nextInt(6);
    for (int i = 0; i < size; i++) {
      out.append(i == 0 ? "" : ws() + "," + ws()).append(value(depth));
    }
    return out.append(ws()).append(']').toString();
  }

  private String object(int depth) {
    StringBuilder out = new StringBuilder("{" + ws());
    List<String> keys = new ArrayList<>();
    int size = r.nextInt(7);
    for (int i = 0; i < size; i++) {
      String key =
          switch (r.nextInt(4)) {
            case 0, 1 -> KEYS[r.nextInt(KEYS.length)];
            case 2 -> Long.toString(r.nextLong() >>> (r.nextInt(64)));
            default -> text();
          };
      if (keys.contains(key)) { // a key twice is refused, tested apart
        continue;
      }
      keys.add(key);
      out.append(i == 0 ? "" : ws() + "," + ws()).append(quoted(key)).append(ws()).append(':');
      out.append(ws()).append(value(depth));
    }
    return out.append(ws()).append('}').toString();
  }

  private String ws() {
    return r.nextInt(3) != 0 ? "" : List.of(" ", "\n", "\t", "\r\n  ", "  ").get(r.nextInt(5));
  }

  /** A number literal JavaScript can hold: finite, and integers exact. */
  String number() {
    while (true) {
      String literal = (r.nextInt(3) == 0 ? "-" : "") + unsignedNumber();
      BigDecimal value = new BigDecimal(literal);
      double d = value.doubleValue();
      boolean integer = !literal.contains(".") && !literal.contains("e") && !literal.contains("E");
      if (Double.isFinite(d) && (!integer || new BigDecimal(d).compareTo(value) == 0)) {
        return literal;
      }
    }
  }

  private String unsignedNumber() {
    switch (r.nextInt(9)) {
      case 0: // any finite double, as Java prints it
        return Double.toString(finiteDouble());
      case 1: // a subnormal
        return Double.toString(
            Double.longBitsToDouble(Math.max(1, (r.nextLong() >>> 12) >>> r.nextInt(52))));
      case 2: // the exact binary value of a double
        return new BigDecimal(finiteDouble()).toString();
      case 3: // exactly half way between two neighbouring doubles, or just beside it
        {
          double d = Math.min(finiteDouble(), Math.nextDown(Double.MAX_VALUE));
          BigDecimal mid =
              new BigDecimal(d).add(new BigDecimal(Math.nextUp(d))).divide(BigDecimal.valueOf(2));
          BigDecimal tiny = mid.ulp().multiply(BigDecimal.valueOf(r.nextInt(3) - 1));
          return mid.add(tiny).toString();
        }
      case 4: // exponent notation with arbitrary digits, like 12.340e-5
        return digits(1 + r.nextInt(20))
            + (r.nextBoolean() ? "." + digits(1 + r.nextInt(8)) : "")
            + (r.nextBoolean() ? "e" : "E")
            + List.of("", "+", "-").get(r.nextInt(3))
            + (r.nextInt(5) == 0 ? "0" : "")
            + r.nextInt(r.nextBoolean() ? 30 : 330);
      case 5: // few significant digits around the layout boundaries (1e21, 1e-7)
        return new BigDecimal(new BigInteger(digits(1 + r.nextInt(17))), r.nextInt(40) - 22)
            .toString();
      case 6: // an integer JavaScript holds exactly, possibly far beyond 2^53
        return r.nextBoolean()
            ? Long.toString(r.nextLong() >>> (11 + r.nextInt(53)))
            : new BigDecimal(Math.scalb((double) (r.nextLong() >>> 11), r.nextInt(971)))
                .toBigInteger()
                .toString();
      case 7: // a decimal with up to 30 digits and a point somewhere
        {
          String digits = digits(1 + r.nextInt(30));
          int point = r.nextInt(digits.length());
          return digits.substring(0, point).replaceFirst("^$", "0") + "." + digits.substring(point);
        }
      default: // a short everyday number
        return r.nextInt(100000) + (r.nextBoolean() ? "." + r.nextInt(1000) : "");
    }
  }

  private double finiteDouble() {
    double d = Math.abs(Double.longBitsToDouble(r.nextLong()));
    return Double.isFinite(d) ? d : r.nextDouble();
  }

  private String digits(int count) {
    StringBuilder out = new StringBuilder().append(1 + r.nextInt(9));
    for (int i = 1; i < count; i++) {
      out.append(r.nextInt(10));
    }
    return out.toString();
  }

  /** Random UTF-16 text: controls, quotes, surrogates (paired and lone), emoji, CJK, marks. */
  private String text() {
    StringBuilder out = new StringBuilder();
    int length = r.nextInt(12);
    for (int i = 0; i < length; i++) {
      switch (r.nextInt(10)) {
        case 0 -> out.append((char) (1 + r.nextInt(0x1f))); // U+0000 is refused, tested apart
        case 1 -> out.append("\"\\/\u007f\u2028\u2029\uFEFF\uFFFF\uFFFE".charAt(r.nextInt(9)));
        case 2 -> out.append((char) (0x4E00 + r.nextInt(0x5200)));
        case 3 -> out.append((char) (0x0300 + r.nextInt(0x70)));
        case 4 -> out.appendCodePoint(0x1F300 + r.nextInt(0x300));
        case 5 -> out.appendCodePoint(0x10000 + r.nextInt(0x100000));
        case 6 -> out.append((char) (0xD800 + r.nextInt(0x800)));
        case 7 -> out.append((char) (0x80 + r.nextInt(0xFF80)));
        default -> out.append((char) (0x20 + r.nextInt(0x5F)));
      }
    }
    return out.toString();
  }

  /** A JSON string literal for the text, escaping at random wherever JSON allows it. */
  private String quoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      String shortEscape =
          switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '/' -> "\\/";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> null;
          };
      String unicodeEscape = String.format(r.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c);
      boolean mustEscape = c < 0x20 || c == '"' || c == '\\';
      if (shortEscape != null && (mustEscape || r.nextInt(4) == 0) && r.nextInt(3) != 0) {
        out.append(shortEscape);
      } else if (mustEscape || r.nextInt(5) == 0) {
        out.append(unicodeEscape);
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
