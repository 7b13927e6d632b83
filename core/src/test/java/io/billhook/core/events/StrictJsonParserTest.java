package io.billhook.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.billhook.core.events.StrictJsonParser.RefusedJsonException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Billhook reads a body as JavaScript's JSON.parse would and refuses, in its own words, what it
 * will not forward: checked against Node.js on what both must reject.
 */
class StrictJsonParserTest {

  private static final long SEED = RandomJson.SEED;

  private static String roundTrip(String json) {
    return JavaScriptJson.stringify(StrictJsonParser.parse(json));
  }

  @Test
  void keepsEveryNumbersExactLiteralValueInTheTree() {
    JsonNode tree =
        StrictJsonParser.parse(
            "{\"pi\":3.141592653589793238,\"price\":30.00,\"big\":9007199254740992}");
    assertThat(tree.get("pi").decimalValue()).isEqualTo(new BigDecimal("3.141592653589793238"));
    assertThat(tree.get("price").decimalValue()).isEqualTo(new BigDecimal("30.00"));
    assertThat(tree.get("big").bigIntegerValue()).isEqualTo(BigInteger.TWO.pow(53));
  }

  // ---------------------------------------------------------------- refusals

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      {"data":{"amount":12345678901234567890}} | field 'data.amount' (12345678901234567890) \
      cannot be represented exactly in JavaScript; send it as a string
      9007199254740993 | the body (9007199254740993) cannot be represented exactly in \
      JavaScript; send it as a string
      [0,{"a/b~c":[-9007199254740993]}] | field '[1].a/b~c[0]' (-9007199254740993) cannot be \
      represented exactly in JavaScript; send it as a string
      {"a":1,"b":2,"a":3} | duplicate field 'a' at line 1, column 17; send each field once
      {"a":1,"a":[1e9999999999999]} | duplicate field 'a' at line 1, column 11; send each field once
      {"data":{"items":[{"k":1,"k":2}]}} | duplicate field 'data.items[0].k' at line 1, \
      column 29; send each field once
      {"data":{"0":1,"0":2}} | duplicate field 'data.0' at line 1, column 19; send each field once
      {"type":"a","\\u0074ype":"b"} | duplicate field 'type' at line 1, column 24; send each \
      field once
      {"data":{"note":"a\\u0000b"}} | field 'data.note' contains a NUL character (\\u0000), \
      which cannot be stored; remove it
      {"data":{"tags":["ok","\\u0000"]}} | field 'data.tags[1]' contains a NUL character \
      (\\u0000), which cannot be stored; remove it
      {"data":{"a\\u0000":1}} | a key in field 'data' contains a NUL character (\\u0000), which \
      cannot be stored; remove it
      """)
  void refusesIntegersJavaScriptWouldChangeKeysTwiceAndNulsNamingTheField(
      String input, String refusal) {
    assertThatThrownBy(() -> StrictJsonParser.parse(input))
        .isInstanceOf(RefusedJsonException.class)
        .hasMessage(refusal);
  }

  @Test
  void keepsTheSameKeyInDifferentObjectsAndAnEscapedBackslashBeforeU0000() {
    assertThat(roundTrip("{\"a\":{\"k\":1},\"b\":{\"k\":2}}"))
        .isEqualTo("{\"a\":{\"k\":1},\"b\":{\"k\":2}}");
    assertThat(roundTrip("\"\\u0001\\\\u0000\"")).isEqualTo("\"\\u0001\\\\u0000\"");
  }

  @Test
  void refusesNumbersThatOverflowToInfinity() {
    for (String literal :
        List.of("1e400", "-1e309", "1.7976931348623159e308", "2" + "0".repeat(308))) {
      assertThatThrownBy(() -> StrictJsonParser.parse("{\"x\":" + literal + "}"))
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
    assertThatThrownBy(() -> StrictJsonParser.parse(input))
        .isInstanceOf(RefusedJsonException.class)
        .hasMessageMatching(
            "request body is not valid JSON at line 1, column [0-9]+: (unexpected (character|word)"
                + " \\S+|the text ends before the JSON value is complete); send valid JSON");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      {"type": x}  | line 1, column 10: unexpected character 'x'
      [1,]         | line 1, column 4: unexpected character ']'
      {"a" 1}      | line 1, column 6: unexpected character '1'
      {a:1}        | line 1, column 2: unexpected character 'a'
      "\\x41"       | line 1, column 3: unexpected character 'x'
      'a'          | line 1, column 1: unexpected character "'"
      tru          | line 1, column 1: unexpected word 'tru'
      -Infinity    | line 1, column 10: unexpected word 'Infinity'
      {"a":1       | line 1, column 7: the text ends before the JSON value is complete
      "abc         | line 1, column 5: the text ends before the JSON value is complete
      `"a\tb"`     | line 1, column 3: unexpected character U+0009
      `\u000B1`    | line 1, column 1: unexpected character U+000B
      `\uFEFF{}`   | line 1, column 1: unexpected character U+FEFF
      `["\uD83D\uDE00" \u00e9]` | line 1, column 7: unexpected character '\u00e9'
      """)
  void saysWhatItFoundWhereTheTextBreaksInItsOwnWords(String input, String where) {
    assertThatThrownBy(() -> StrictJsonParser.parse(input))
        .isInstanceOf(RefusedJsonException.class)
        .hasMessage("request body is not valid JSON at " + where + "; send valid JSON");
  }

  @Test
  void countsLinesAndColumnsAsTheSenderWroteThem() {
    assertThatThrownBy(() -> StrictJsonParser.parse("[\n  1,\n  x]"))
        .hasMessage(
            "request body is not valid JSON at line 3, column 3: unexpected character 'x';"
                + " send valid JSON");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{} {}", "{\"a\":1} x", "1 2", "[] ]", "null,", "\"a\" \"b\""})
  void refusesTrailingContentAfterTheValue(String input) {
    assertThatThrownBy(() -> StrictJsonParser.parse(input))
        .isInstanceOf(RefusedJsonException.class)
        .hasMessageStartingWith("unexpected content after the JSON value at line 1, column ")
        .hasMessageEndingWith("; send exactly one JSON value");
  }

  @Test
  void refusesDocumentsBeyondTheParsersLimitsThoughNodeWouldAcceptThem() {
    for (String deep :
        List.of(
            "[".repeat(1200) + "]".repeat(1200), "{\"a\":".repeat(1001) + "1" + "}".repeat(1001))) {
      assertThatThrownBy(() -> StrictJsonParser.parse(deep))
          .isInstanceOf(RefusedJsonException.class)
          .hasMessage("request body nests deeper than 1000 levels; send a flatter document");
    }
    assertThatThrownBy(() -> StrictJsonParser.parse("0." + "1".repeat(1200)))
        .isInstanceOf(RefusedJsonException.class)
        .hasMessage(
            "request body has a number longer than 1000 characters at line 1, column 1;"
                + " send it as a string");
    assertThatThrownBy(() -> StrictJsonParser.parse("{\"n\":[1,\n-" + "1".repeat(1200) + "]}"))
        .hasMessageStartingWith(
            "request body has a number longer than 1000 characters at line 2, column 1;");
    assertThatThrownBy(() -> StrictJsonParser.parse("{\"" + "k".repeat(60_000) + "\":1}"))
        .isInstanceOf(RefusedJsonException.class)
        .hasMessage("request body has a key longer than 50000 characters; send shorter keys");
    assertThatThrownBy(() -> StrictJsonParser.parse("{\"a\":1,\"a\":" + "1".repeat(1200) + "}"))
        .as("the first problem in the text is the one told")
        .hasMessage("duplicate field 'a' at line 1, column 11; send each field once");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "\n\t"})
  void refusesAnEmptyBody(String input) {
    assertThatThrownBy(() -> StrictJsonParser.parse(input))
        .isInstanceOf(RefusedJsonException.class)
        .hasMessage("the body is empty; send a JSON value");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e99999999999", "-1e99999999999", "1e-2147483648", "0e-99999999999"})
  void refusesNumbersWhoseExponentIsOutOfRange(String literal) {
    assertThatThrownBy(() -> StrictJsonParser.parse("{\"data\":{\"n\":" + literal + "}}"))
        .isInstanceOf(RefusedJsonException.class)
        .hasMessageContaining("send it as a string");
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
        NodeJs.evaluate(
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
                "seed %d #%d: %s -> node %s, Billhook %s", SEED, i, input, node.get(i), actual));
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
    assertThat(NodeJs.evaluate("JSON.stringify(JSON.parse(x))", inputs))
        .as("node rejects each of them")
        .containsOnlyNulls();
    for (String input : inputs) {
      assertThatThrownBy(() -> StrictJsonParser.parse(input))
          .as(NodeJs.ascii(input))
          .isInstanceOf(RefusedJsonException.class);
    }
  }
}
