package io.billhook.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Billhook writes a body exactly as JavaScript's JSON.stringify would, checked against Node.js on
 * handwritten and generated inputs.
 */
class JavaScriptJsonTest {

  private static final long SEED = RandomJson.SEED;

  private static String roundTrip(String json) {
    return JavaScriptJson.stringify(StrictJsonParser.parse(json));
  }

  // ---------------------------------------------------------------- specific expected outputs

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      30.00 | 30
      1e3 | 1000
      1.5e-7 | 1.5e-7
      1e21 | 1e+21
      1e20 | 100000000000000000000
      0.000001 | 0.000001
      1e-7 | 1e-7
      123456789012345680000 | 123456789012345680000
      0.1 | 0.1
      5e-324 | 5e-324
      1.7976931348623157e308 | 1.7976931348623157e+308
      -0 | 0
      -0.0e5 | 0
      9007199254740992 | 9007199254740992
      -9007199254740992 | -9007199254740992
      18446744073709551616 | 18446744073709552000
      3.141592653589793238 | 3.141592653589793
      12.340e-5 | 0.0001234
      1E+2 | 100
      0.1e1 | 1
      2e23 | 2e+23
      1e-400 | 0
      9.88131291682493e-324 | 1e-323
      123456.789e3 | 123456789
      0.30000000000000004 | 0.30000000000000004
      -1.5 | -1.5
      999999999999999999999.0 | 1e+21
      100000000000000000000.5 | 100000000000000000000
      """)
  void printsNumbersAsJavaScriptDoes(String input, String expected) {
    assertThat(roundTrip(input)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      "q\\"b\\\\s\\/" | "q\\"b\\\\s/"
      "\\b\\f\\n\\r\\t" | "\\b\\f\\n\\r\\t"
      "\\u0001\\u001F\\u001f" | "\\u0001\\u001f\\u001f"
      "\\u000B\\u007F\\u0080" | "\\u000b\u007f\u0080"
      "\\u2028\\u2029" | "\u2028\u2029"
      "\\u0041\\u00e9" | "A\u00e9"
      "\uD83D\uDE00 \\ud83d\\ude00" | "\uD83D\uDE00 \uD83D\uDE00"
      "\u65E5\u672C\u8A9E \uD55C\uAD6D\uC5B4" | "\u65E5\u672C\u8A9E \uD55C\uAD6D\uC5B4"
      "e\\u0301 n\u0303" | "e\u0301 n\u0303"
      "\\uD800" | "\\ud800"
      "\\uDFFF x \\uDBFF" | "\\udfff x \\udbff"
      "\\uDE00\\uD83D" | "\\ude00\\ud83d"
      "\\uD83D\\uD83D\\uDE00" | "\\ud83d\uD83D\uDE00"
      "\uD800" | "\\ud800"
      {"\\ud800":1} | {"\\ud800":1}
      """)
  void escapesStringsAsJavaScriptDoesWritingUnicodeLiterallyAndLoneSurrogatesAsEscapes(
      String input, String expected) {
    assertThat(roundTrip(input)).isEqualTo(expected);
  }

  @Test
  void ordersArrayIndexKeysFirstThenTheRestInInsertionOrder() {
    assertThat(
            roundTrip(
                "{\"b\":1,\"42\":2,\"a\":3,\"7\":4,\"01\":5,\"-1\":6,\"1.0\":7,\"0\":8,"
                    + "\"4294967295\":9,\"4294967294\":10,\"\":11,\"10\":12}"))
        .isEqualTo(
            "{\"0\":8,\"7\":4,\"10\":12,\"42\":2,\"4294967294\":10,"
                + "\"b\":1,\"a\":3,\"01\":5,\"-1\":6,\"1.0\":7,\"4294967295\":9,\"\":11}");
  }

  @Test
  void writesNestedStructuresWithoutWhitespace() {
    assertThat(
            roundTrip(
                " {\n \"id\" : \"evt_1\",\t\"data\": { \"items\": [ 1 , 2.50 , { } , [ ] , "
                    + "[ null , true , false ] ], \"amount\" : 1E2 } }\r\n"))
        .isEqualTo(
            "{\"id\":\"evt_1\",\"data\":{\"items\":[1,2.5,{},[],[null,true,false]],\"amount\":100}}");
    assertThat(roundTrip("\"top\"")).isEqualTo("\"top\"");
    assertThat(roundTrip(" null ")).isEqualTo("null");
  }

  @Test
  void writesTreesBuiltInJavaAsJavaScriptWouldWriteTheirValues() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    assertThat(JavaScriptJson.stringify(f.numberNode(Double.NaN))).isEqualTo("null");
    assertThat(JavaScriptJson.stringify(f.numberNode(1e21))).isEqualTo("1e+21");
    assertThat(JavaScriptJson.stringify(f.numberNode(42L))).isEqualTo("42");
    assertThat(JavaScriptJson.stringify(f.arrayNode().add(-0.0).add(0.5f))).isEqualTo("[0,0.5]");
  }

  // ---------------------------------------------------------------- differences from Node.js

  /** Awkward inputs, one a line; {@link #AWKWARD_MULTILINE} holds those needing edge whitespace. */
  private static final String AWKWARD =
      """
      0
      -0
      -0.0
      0e0
      0E-0
      0.0e+0
      1
      -1
      1.0
      1.50
      30.00
      1e3
      1E3
      1e+3
      1e-3
      1.5e-7
      1e21
      1e20
      1e-6
      1e-7
      0.000001
      0.0000001
      123e-20
      123e20
      123456789012345680000
      100000000000000000000
      999999999999999868928
      0.1
      0.2
      0.30000000000000004
      5e-324
      2.4703282292062328e-324
      2.4703282292062327e-324
      2.5e-324
      4.9406564584124654e-324
      2.2250738585072014e-308
      2.2250738585072011e-308
      1.7976931348623157e308
      1.7976931348623158e308
      9007199254740992
      9007199254740991
      -9007199254740992
      18446744073709551616
      3.141592653589793238
      12.340e-5
      2e23
      8.41e21
      5e-7
      5e-6
      4.35
      0.5e-6
      1.2345678901234567e-7
      9.999999999999999e22
      1e23
      1.0000000000000001
      0.00000000000000000000000001
      1e-400
      -1e-400
      12345678901234567890.0
      1.2345678901234567890e19
      ""
      "\\"\\\\\\/\\b\\f\\n\\r\\t"
      "\\u0001\\u001f\\u007f"
      "\\u2028\\u2029\\uFEFF\\uFFFF"
      "\\ud800"
      "\\udc00\\ud800"
      "\\uD83D\\uDE00"
      "\uD83D\uDE00\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"
      "\u4E2D\u6587 \u0915\u094D\u0937 e\u0301 \u00C5\u212B"
      "\uD800 raw lone \uDC00"
      []
      {}
      [[[[]]]]
      [1,[2,[3,{"a":[4]}]]]
      {"":""}
      {"b":1,"a":2,"1":3,"0":4}
      {"01":1,"1":2,"-0":3,"0":4,"1e1":5,"10":6}
      {"4294967294":1,"4294967295":2,"4294967296":3,"2":4}
      {"__proto__":{"x":1}}
      {"constructor":1,"toString":2,"length":3,"hasOwnProperty":4}
      true
      false
      null
      [true,false,null]
      {"a":{"b":{"c":{}}}}
      {"\\u0030":1,"\\u0061":2,"\\u0031\\u0030":3}
      [1e0,1e1,1e2,1e10,1e15,1e16,1e17,1e22,1e-5,1e-10,1e-100,1e100,1e300]
      [0.1e-6,1.1e-6,11e-7,-1e-7,-1e21,-123.456e2]
      {"id":"evt_x","type":"payment.received","timestamp":"2026-03-29T14:32:00Z","data":{"amount":4999,"fee":1.45,"note":"na\u00EFve \u20AC"}}
      """;

  private static final List<String> AWKWARD_MULTILINE =
      List.of(" \t\r\n[ 1 ,\n2 ]\r\n ", "{ \"a\" :\t[ ]\n}", "1" + "0".repeat(300), "  0  ");

  @Test
  void matchesNodeOnHandwrittenAwkwardInputs() {
    List<String> inputs = new ArrayList<>(AWKWARD.lines().toList());
    inputs.addAll(AWKWARD_MULTILINE);
    assertThat(inputs).hasSizeGreaterThanOrEqualTo(50);
    assertMatchesNode(inputs, i -> "handwritten #" + i);
  }

  @Test
  void matchesNodeOnSeededRandomDocuments() {
    List<String> docs = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      docs.add(new RandomJson(new Random(SEED + i)).document());
    }
    assertMatchesNode(docs, i -> "random document, seed " + (SEED + i));
  }

  @Test
  void matchesNodeOnRandomNumbersOfAllMagnitudes() {
    List<String> numbers = new ArrayList<>();
    Random random = new Random(SEED);
    for (int i = 0; i < 30000; i++) {
      numbers.add(new RandomJson(random).number());
    }
    assertMatchesNode(numbers, i -> "random number #" + i + " of seed " + SEED);
  }

  @Test
  void matchesNodeOnPowersAndTheSmallestSubnormals() {
    List<String> numbers = new ArrayList<>();
    for (int e = -330; e <= 307; e++) {
      numbers.add("1e" + e);
      numbers.add("9.5e" + e);
    }
    for (int e = -1074; e <= 1023; e++) {
      numbers.add(new BigDecimal(Math.scalb(1.0, e)).toString());
    }
    for (int k = 1; k <= 3000; k++) {
      numbers.add(Double.toString(k * Double.MIN_VALUE));
    }
    assertMatchesNode(numbers, i -> "power or subnormal #" + i);
  }

  private static void assertMatchesNode(List<String> inputs, IntFunction<String> origin) {
    List<String> expected = NodeJs.evaluate("JSON.stringify(JSON.parse(x))", inputs);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      String actual;
      try {
        actual = roundTrip(inputs.get(i));
      } catch (RuntimeException e) {
        actual = e.toString();
      }
      if (!actual.equals(expected.get(i))) {
        failures.add(
            origin.apply(i)
                + "\n  input:  "
                + NodeJs.ascii(inputs.get(i))
                + "\n  node:   "
                + expected.get(i)
                + "\n  Billhook: "
                + NodeJs.ascii(actual));
      }
    }
    failures.forEach(System.out::println);
    assertThat(failures)
        .as("%d of %d inputs differ from Node", failures.size(), inputs.size())
        .isEmpty();
  }
}
