package io.billhook.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.billhook.core.events.JsJson.RefusedJsonException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsJsonTest {

  /** The base seed of the generated corpora; override with -Djsjson.seed=N to explore others. */
  private static final long SEED = Long.getLong("jsjson.seed", 20260329L);

  private static String roundTrip(String json) {
    return JsJson.stringify(JsJson.parse(json));
  }

  private static void assertRoundTrips(Map<String, String> expectations) {
    expectations.forEach(
        (input, expected) ->
            assertThat(roundTrip(input)).as("input %s", input).isEqualTo(expected));
  }

  // ---------------------------------------------------------------- specific expected outputs

  @Test
  void printsNumbersAsJavaScriptDoes() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("30.00", "30");
    cases.put("1e3", "1000");
    cases.put("1.5e-7", "1.5e-7");
    cases.put("1e21", "1e+21");
    cases.put("1e20", "100000000000000000000");
    cases.put("0.000001", "0.000001");
    cases.put("1e-7", "1e-7");
    cases.put("123456789012345680000", "123456789012345680000");
    cases.put("0.1", "0.1");
    cases.put("5e-324", "5e-324");
    cases.put("1.7976931348623157e308", "1.7976931348623157e+308");
    cases.put("-0", "0");
    cases.put("-0.0e5", "0");
    cases.put("9007199254740992", "9007199254740992");
    cases.put("-9007199254740992", "-9007199254740992");
    cases.put("18446744073709551616", "18446744073709552000");
    cases.put("3.141592653589793238", "3.141592653589793");
    cases.put("12.340e-5", "0.0001234");
    cases.put("1E+2", "100");
    cases.put("0.1e1", "1");
    cases.put("2e23", "2e+23");
    cases.put("1e-400", "0");
    cases.put("9.88131291682493e-324", "1e-323");
    cases.put("123456.789e3", "123456789");
    cases.put("0.30000000000000004", "0.30000000000000004");
    cases.put("-1.5", "-1.5");
    cases.put("999999999999999999999.0", "1e+21");
    cases.put("100000000000000000000.5", "100000000000000000000");
    assertRoundTrips(cases);
  }

  @Test
  void escapesStringsAsJavaScriptDoes() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("\"q\\\"b\\\\s\\/\"", "\"q\\\"b\\\\s/\"");
    cases.put("\"\\b\\f\\n\\r\\t\"", "\"\\b\\f\\n\\r\\t\"");
    cases.put("\"\\u0001\\u001F\\u001f\"", "\"\\u0001\\u001f\\u001f\"");
    cases.put("\"\\u000B\\u007F\\u0080\"", "\"\\u000b\u007f\u0080\"");
    cases.put("\"\\u2028\\u2029\"", "\"\u2028\u2029\"");
    cases.put("\"\\u0041\\u00e9\"", "\"A\u00e9\"");
    assertRoundTrips(cases);
  }

  @Test
  void writesUnicodeLiterallyAndLoneSurrogatesAsLowercaseEscapes() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("\"\uD83D\uDE00 \\ud83d\\ude00\"", "\"\uD83D\uDE00 \uD83D\uDE00\"");
    cases.put(
        "\"\u65E5\u672C\u8A9E \uD55C\uAD6D\uC5B4\"", "\"\u65E5\u672C\u8A9E \uD55C\uAD6D\uC5B4\"");
    cases.put("\"e\\u0301 n\u0303\"", "\"e\u0301 n\u0303\"");
    cases.put("\"\\uD800\"", "\"\\ud800\"");
    cases.put("\"\\uDFFF x \\uDBFF\"", "\"\\udfff x \\udbff\"");
    cases.put("\"\\uDE00\\uD83D\"", "\"\\ude00\\ud83d\"");
    cases.put("\"\\uD83D\\uD83D\\uDE00\"", "\"\\ud83d\uD83D\uDE00\"");
    cases.put("\"\uD800\"", "\"\\ud800\"");
    cases.put("{\"\\ud800\":1}", "{\"\\ud800\":1}");
    assertRoundTrips(cases);
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
  void keepsEveryNumbersExactLiteralValueInTheTree() {
    JsonNode tree =
        JsJson.parse("{\"pi\":3.141592653589793238,\"price\":30.00,\"big\":9007199254740992}");
    assertThat(tree.get("pi").decimalValue()).isEqualTo(new BigDecimal("3.141592653589793238"));
    assertThat(tree.get("price").decimalValue()).isEqualTo(new BigDecimal("30.00"));
    assertThat(tree.get("big").bigIntegerValue()).isEqualTo(BigInteger.TWO.pow(53));
  }

  @Test
  void writesTreesBuiltInJavaAsJavaScriptWouldWriteTheirValues() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    assertThat(JsJson.stringify(f.numberNode(Double.NaN))).isEqualTo("null");
    assertThat(JsJson.stringify(f.numberNode(1e21))).isEqualTo("1e+21");
    assertThat(JsJson.stringify(f.numberNode(42L))).isEqualTo("42");
    assertThat(JsJson.stringify(f.arrayNode().add(-0.0).add(0.5f))).isEqualTo("[0,0.5]");
  }

  // ---------------------------------------------------------------- refusals

  @Test
  void refusesIntegersJavaScriptCannotHoldExactly() {
    assertThatThrownBy(() -> JsJson.parse("{\"data\":{\"amount\":12345678901234567890}}"))
        .isInstanceOf(RefusedJsonException.class)
        .hasMessage(
            "field 'data.amount' (12345678901234567890) cannot be represented exactly in"
                + " JavaScript; send it as a string");
    assertThatThrownBy(() -> JsJson.parse("9007199254740993"))
        .isInstanceOf(RefusedJsonException.class)
        .hasMessageContaining("(9007199254740993) cannot be represented exactly");
    assertThatThrownBy(() -> JsJson.parse("[0,{\"a/b~c\":[-9007199254740993]}]"))
        .isInstanceOf(RefusedJsonException.class)
        .hasMessageStartingWith("field '[1].a/b~c[0]' (-9007199254740993)");
  }

  @Test
  void refusesNumbersThatOverflowToInfinity() {
    for (String literal :
        List.of("1e400", "-1e309", "1.7976931348623159e308", "2" + "0".repeat(308))) {
      assertThatThrownBy(() -> JsJson.parse("{\"x\":" + literal + "}"))
          .as(literal)
          .isInstanceOf(RefusedJsonException.class)
          .hasMessageStartingWith("field 'x' (")
          .hasMessageEndingWith(
              "is too large for JavaScript (it becomes Infinity); send it as a string");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{",
        "[1,]",
        "{\"a\":1,}",
        "01",
        "1.",
        "NaN",
        "{a:1}",
        "'a'",
        "\"\\x\"",
        "[1 2]",
        "tru"
      })
  void refusesMalformedJsonSayingWhereItBreaks(String input) {
    assertThatThrownBy(() -> JsJson.parse(input))
        .isInstanceOf(RefusedJsonException.class)
        .hasMessageStartingWith("request body is not valid JSON at line 1, column ")
        .hasMessageEndingWith("; send valid JSON")
        .hasMessageNotContaining("Source:")
        .hasMessageNotContaining("`");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{} {}", "{\"a\":1} x", "1 2", "[] ]", "null,", "\"a\" \"b\""})
  void refusesTrailingContentAfterTheValue(String input) {
    assertThatThrownBy(() -> JsJson.parse(input))
        .isInstanceOf(RefusedJsonException.class)
        .hasMessageStartingWith("unexpected content after the JSON value at line 1, column ")
        .hasMessageEndingWith("; send exactly one JSON value");
  }

  @Test
  void refusesDocumentsBeyondJacksonsLimitsThoughNodeWouldAcceptThem() {
    for (String input : List.of("0." + "1".repeat(1200), "[".repeat(1200) + "]".repeat(1200))) {
      assertThatThrownBy(() -> JsJson.parse(input))
          .isInstanceOf(RefusedJsonException.class)
          .hasMessageStartingWith("JSON too large: ")
          .hasMessageEndingWith("; send a smaller document")
          .hasMessageNotContaining("`");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "\n\t"})
  void refusesAnEmptyBody(String input) {
    assertThatThrownBy(() -> JsJson.parse(input))
        .isInstanceOf(RefusedJsonException.class)
        .hasMessage("the body is empty; send a JSON value");
  }

  @Test
  void refusesAKeyTwiceInOneObjectNamingTheField() {
    assertThatThrownBy(() -> JsJson.parse("{\"a\":1,\"b\":2,\"a\":3}"))
        .isInstanceOf(RefusedJsonException.class)
        .hasMessage("duplicate field 'a' at line 1, column 17; send each field once");
    assertThatThrownBy(() -> JsJson.parse("{\"data\":{\"items\":[{\"k\":1,\"k\":2}]}}"))
        .isInstanceOf(RefusedJsonException.class)
        .hasMessageStartingWith("duplicate field 'data.items[0].k' at line 1, column ");
    assertThatThrownBy(() -> JsJson.parse("{\"data\":{\"0\":1,\"0\":2}}"))
        .as("a key that looks like an index")
        .isInstanceOf(RefusedJsonException.class)
        .hasMessageStartingWith("duplicate field 'data.0'");
    assertThatThrownBy(() -> JsJson.parse("{\"type\":\"a\",\"\\u0074ype\":\"b\"}"))
        .as("the same key, once escaped")
        .isInstanceOf(RefusedJsonException.class)
        .hasMessageStartingWith("duplicate field 'type'");
    assertThat(roundTrip("{\"a\":{\"k\":1},\"b\":{\"k\":2}}"))
        .as("the same key in different objects")
        .isEqualTo("{\"a\":{\"k\":1},\"b\":{\"k\":2}}");
  }

  @Test
  void refusesNulInAnyStringOrKeyNamingTheField() {
    assertThatThrownBy(() -> JsJson.parse("{\"data\":{\"note\":\"a\\u0000b\"}}"))
        .isInstanceOf(RefusedJsonException.class)
        .hasMessage(
            "field 'data.note' contains a NUL character (\\u0000), which cannot be stored;"
                + " remove it");
    assertThatThrownBy(() -> JsJson.parse("{\"data\":{\"tags\":[\"ok\",\"\\u0000\"]}}"))
        .isInstanceOf(RefusedJsonException.class)
        .hasMessageStartingWith("field 'data.tags[1]' contains a NUL character");
    assertThatThrownBy(() -> JsJson.parse("{\"data\":{\"a\\u0000\":1}}"))
        .isInstanceOf(RefusedJsonException.class)
        .hasMessageStartingWith("a key in field 'data' contains a NUL character");
    assertThat(roundTrip("\"\\u0001\\\\u0000\""))
        .as("an escaped backslash, then u0000")
        .isEqualTo("\"\\u0001\\\\u0000\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e99999999999", "-1e99999999999", "1e-2147483648", "0e-99999999999"})
  void refusesNumbersWhoseExponentIsOutOfRange(String literal) {
    assertThatThrownBy(() -> JsJson.parse("{\"data\":{\"n\":" + literal + "}}"))
        .isInstanceOf(RefusedJsonException.class)
        .hasMessageContaining("send it as a string");
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
      docs.add(new Generator(new Random(SEED + i)).document());
    }
    assertMatchesNode(docs, i -> "random document, seed " + (SEED + i));
  }

  @Test
  void matchesNodeOnRandomNumbersOfAllMagnitudes() {
    List<String> numbers = new ArrayList<>();
    Random random = new Random(SEED);
    for (int i = 0; i < 30000; i++) {
      numbers.add(new Generator(random).number());
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

  @Test
  void refusesExactlyTheIntegersJavaScriptWouldChange() {
    Random random = new Random(SEED);
    List<String> integers = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      BigInteger near = BigInteger.TWO.pow(53 + random.nextInt(20));
      BigInteger value =
          random.nextBoolean()
              ? near.add(BigInteger.valueOf(random.nextInt(5000) - 2500))
              : new BigInteger(16 + random.nextInt(60), random);
      integers.add((random.nextBoolean() ? "-" : "") + value);
    }
    // Node reports what JSON.stringify prints and whether the double holds the literal exactly.
    List<String> node =
        runNode(
            "JSON.stringify(JSON.parse(x)) + (BigInt(JSON.parse(x)) === BigInt(x) ? ' exact' : '')",
            integers);
    List<String> failures = new ArrayList<>();
    int refused = 0;
    for (int i = 0; i < integers.size(); i++) {
      String input = integers.get(i);
      String printed = node.get(i).split(" ")[0];
      boolean kept =
          node.get(i).endsWith(" exact")
              || new BigDecimal(printed).compareTo(new BigDecimal(input)) == 0;
      String expected = kept ? printed : "refused";
      String actual;
      try {
        actual = roundTrip(input);
      } catch (RefusedJsonException e) {
        actual = "refused";
      }
      if (!actual.equals(expected)) {
        failures.add(
            String.format(
                "seed %d #%d: %s -> node %s, JsJson %s", SEED, i, input, node.get(i), actual));
      }
      refused += expected.equals("refused") ? 1 : 0;
    }
    assertThat(failures).as("integers handled unlike JavaScript").isEmpty();
    assertThat(refused).as("refused of %d", integers.size()).isBetween(500, 2500);
  }

  /** Malformed inputs, one a line; more below for those that need edge or line-break whitespace. */
  private static final String MALFORMED =
      """
      {
      }
      [1,]
      {"a":1,}
      01
      -01
      00
      1.
      .5
      +1
      -
      1e
      1e+
      1.e3
      0x10
      NaN
      Infinity
      -Infinity
      undefined
      'a'
      {a:1}
      "\\x41"
      "\\u12"
      "\\u12G4"
      "a\tb"
      [1 2]
      {"a" 1}
      {"a":1 "b":2}
      tru
      nul
      True
      /* c */1
      {} {}
      1 2
      [] x
      "abc
      [
      [1]]
      {"a":1}}
      [1,,2]
      \uFEFF{}
      1_000
      "\\"
      [1,2
      {"a":1
      {"a"}
      {1:2}
      ["a\u0000"]
      """;

  @Test
  void refusesWhatNodeAlsoRejects() {
    List<String> inputs = new ArrayList<>(MALFORMED.lines().toList());
    inputs.addAll(
        List.of("", " ", "\n", "\"\n\"", "// c\n1", "[1]\n]", "\u00A01", "\u000B1", "\f1"));
    assertThat(runNode("JSON.stringify(JSON.parse(x))", inputs))
        .as("node rejects each of them")
        .containsOnlyNulls();
    for (String input : inputs) {
      assertThatThrownBy(() -> JsJson.parse(input))
          .as(ascii(input))
          .isInstanceOf(RefusedJsonException.class);
    }
  }

  private static void assertMatchesNode(List<String> inputs, IntFunction<String> origin) {
    List<String> expected = runNode("JSON.stringify(JSON.parse(x))", inputs);
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
                + ascii(inputs.get(i))
                + "\n  node:   "
                + expected.get(i)
                + "\n  JsJson: "
                + ascii(actual));
      }
    }
    failures.forEach(System.out::println);
    assertThat(failures)
        .as("%d of %d inputs differ from Node", failures.size(), inputs.size())
        .isEmpty();
  }

  /**
   * Evaluates a JavaScript expression of {@code x} for each input, all in one Node.js process; null
   * where it throws. Both directions carry ASCII only, so lone surrogates survive.
   */
  private static List<String> runNode(String expressionOfX, List<String> inputs) {
    String script =
        """
        let s = '';
        process.stdin.setEncoding('ascii');
        process.stdin.on('data', c => s += c);
        process.stdin.on('end', () => {
          const out = JSON.parse(s).map(x => { try { return EXPRESSION; } catch (e) { return null; } });
          process.stdout.write(JSON.stringify(out).replace(/[\\u007f-\\uffff]/g,
              c => '\\\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')));
        });
        """
            .replace("EXPRESSION", expressionOfX);
    String node = new File("/usr/bin/node").canExecute() ? "/usr/bin/node" : "node";
    try {
      Process process =
          new ProcessBuilder(node, "-e", script)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      StringBuilder batch = new StringBuilder("[");
      for (String input : inputs) {
        batch.append(batch.length() == 1 ? "" : ",").append('"').append(ascii(input)).append('"');
      }
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(batch.append(']').toString().getBytes(StandardCharsets.US_ASCII));
      }
      byte[] stdout = process.getInputStream().readAllBytes();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
      assertThat(process.exitValue()).as("node exit code").isZero();
      List<String> outputs = Arrays.asList(new ObjectMapper().readValue(stdout, String[].class));
      assertThat(outputs).hasSameSizeAs(inputs);
      return outputs;
    } catch (IOException e) {
      throw new AssertionError("could not run Node.js (" + node + "), which this test needs", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Escapes a string's content as JSON using ASCII only (lone surrogates survive). */
  private static String ascii(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      out.append(
          c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? String.format("\\u%04x", (int) c) : c);
    }
    return out.toString();
  }

  /** Random JSON text with awkward numbers, strings, keys and whitespace. */
  private static final class Generator {
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

    Generator(Random r) {
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
        boolean integer =
            !literal.contains(".") && !literal.contains("e") && !literal.contains("E");
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
            return digits.substring(0, point).replaceFirst("^$", "0")
                + "."
                + digits.substring(point);
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
}
