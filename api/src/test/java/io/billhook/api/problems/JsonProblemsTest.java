package io.billhook.api.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.billhook.api.testing.CallersTerms;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** A body that is not JSON, or beyond the parser's limits, is refused in Billhook's own words. */
class JsonProblemsTest {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  record Body(String url, Map<String, Object> headers) {}

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      {"url": x}          | request body is not valid JSON at line 1, column 9; send valid JSON
      {"url":1.}          | request body is not valid JSON at line 1, column 10; send valid JSON
      `{"url":'a'}`       | request body is not valid JSON at line 1, column 8; send valid JSON
      {"url":"a"          | request body is not valid JSON at line 1, column 11: the text ends \
      before the JSON value is complete; send valid JSON
      {"url":"a","url":"b"} | duplicate field 'url' at line 1, column 17; send each field once
      """)
  void saysWhereTheTextBreaksNeverInTheParsersWords(String body, String detail) {
    assertThat(describe(body)).isEqualTo(detail);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"number", "key", "nesting"})
  void namesTheLimitsOfWhatItReads(String beyond) {
    String body =
        switch (beyond) {
          case "number" -> "{\"url\":1" + "0".repeat(1200) + "}";
          case "key" -> "{\"" + "k".repeat(60_000) + "\":1}";
          default -> "{\"headers\":{\"a\":" + "[".repeat(600) + "]".repeat(600) + "}}";
        };
    assertThat(describe(body))
        .isEqualTo(
            "request body is beyond what Billhook reads (numbers up to 1000 characters, keys up"
                + " to 50000, nesting up to 500 levels); send a smaller document");
  }

  private static String describe(String body) {
    JacksonException e =
        catchThrowableOfType(
            JacksonException.class,
            () ->
                MAPPER.readValue(
                    new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), Body.class));
    String detail = JsonProblems.describe(e);
    CallersTerms.assertPlain(detail);
    return detail;
  }
}
