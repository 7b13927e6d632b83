package io.billhook.core.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billhook.core.refusals.Refusal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which custom headers an endpoint may carry; refusals name the header, never its value. */
class EndpointHeadersTest {

  @Test
  void tokensWithPrintableAsciiValuesAreAccepted() {
    Map<String, String> headers =
        Map.of(
            "Authorization", "Bearer abc.def-ghi_jkl~",
            "X-Tenant", "acme corp\tEU",
            "x-empty", "",
            "X-All-Printable", printableAscii());

    assertThat(EndpointHeaders.check(headers)).isEqualTo(headers);
  }

  @Test
  void noHeadersMeansAnEmptyMap() {
    assertThat(EndpointHeaders.check(null)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"caf\u00e9", "\u0085", "na\u00efve", "\u20ac5", "\ud83d\ude00"})
  void nonAsciiValuesAreRefusedWithoutEchoingThem(String value) {
    assertRefused(
        Map.of("X-Api-Key", value),
        "header 'X-Api-Key' has a value with a non-ASCII character; values are printable ASCII"
            + " (percent-encode or base64 anything else)",
        value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"s3cr3t\r\nX-Injected: 1", "s3cr3t\n", "s3cr3t\u0000", "s3\u0007", "s3cr3t\u007f"})
  void controlCharactersAreRefusedWithoutEchoingTheValue(String value) {
    assertRefused(
        Map.of("X-Api-Key", value),
        "header 'X-Api-Key' has a value with a control character (a line break, NUL, ...);"
            + " values are printable ASCII",
        "s3");
  }

  @ParameterizedTest
  @ValueSource(strings = {" secret", "secret ", "\tsecret", "secret\t"})
  void leadingOrTrailingWhitespaceIsRefused(String value) {
    assertRefused(
        Map.of("X-Api-Key", value),
        "header 'X-Api-Key' has a value that starts or ends with a space or tab; remove it",
        "secret");
  }

  @Test
  void aValueOver4KibIsRefusedWithoutEchoingIt() {
    assertThat(EndpointHeaders.check(Map.of("X-Big", "s".repeat(4096)))).hasSize(1);
    assertRefused(
        Map.of("X-Big", "s".repeat(200_000)),
        "header 'X-Big' has a value longer than 4096 characters",
        "sss");
  }

  @Test
  void headersTotallingOver8KibAreRefused() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-A", "a".repeat(4000));
    headers.put("X-B", "b".repeat(4000));
    assertThat(EndpointHeaders.check(headers)).hasSize(2);
    headers.put("X-C", "c".repeat(200));
    assertRefused(headers, "headers may total at most 8192 characters of names and values", "ccc");
  }

  @Test
  void moreThanTwentyHeadersAreRefused() {
    Map<String, String> headers = new HashMap<>();
    for (int i = 0; i < 21; i++) {
      headers.put("X-H" + i, "v");
    }
    assertRefused(headers, "headers may hold at most 20 entries", "X-H");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Content-Type",
        "content-length",
        "CONTENT-ENCODING",
        "User-Agent",
        "X-Webhook-Signature",
        "x-webhook-event",
        "X-Webhook-Anything",
        "webhook-id",
        "Webhook-Timestamp",
        "WEBHOOK-SIGNATURE",
        "Host",
        "Connection",
        "Transfer-Encoding",
        "TE",
        "Upgrade",
        "Keep-Alive",
        "Proxy-Authorization",
        "proxy-connection",
        "Trailer",
        "Expect",
        "Accept-Encoding"
      })
  void namesBillhookOrHttpSetAreRefusedInAnyCase(String name) {
    assertThatThrownBy(() -> EndpointHeaders.check(Map.of(name, "v")))
        .isInstanceOf(Refusal.class)
        .hasMessageStartingWith(
            "header '" + name + "' is set by Billhook or by HTTP itself and cannot be overridden");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "X Tenant", "X-Tenant:", ":authority", "X-T\u00e9nant", "X\nY"})
  void namesThatAreNotTokensAreRefusedByPosition(String name) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Ok", "v");
    headers.put(name, "secret-value");
    assertRefused(
        headers,
        "header 2 has no valid name: a name is 1 to 100 letters, digits or !#$%&'*+-.^_`|~"
            + " (no spaces or colons)",
        "secret-value");
  }

  @Test
  void aNameOver100CharactersIsRefused() {
    assertThatThrownBy(() -> EndpointHeaders.check(Map.of("X".repeat(101), "v")))
        .isInstanceOf(Refusal.class)
        .hasMessageStartingWith("header 1 has no valid name");
  }

  @Test
  void namesDifferingOnlyInCaseAreOneHeader() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Tenant", "a");
    headers.put("x-tenant", "b");
    assertRefused(
        headers, "headers 'X-Tenant' and 'x-tenant' are the same header (names ignore case)", "b'");
  }

  @Test
  void aNullValueIsRefused() {
    Map<String, String> headers = new HashMap<>();
    headers.put("X-Tenant", null);
    assertRefused(headers, "header 'X-Tenant' needs a string value", "null'");
  }

  /** Every character, inside a value and at its ends: accepted exactly when OkHttp sends it. */
  @Test
  void whatIsAcceptedIsWhatTheHttpClientSendsUnchanged() {
    for (char c = 0; c < 0x800; c++) {
      for (String value : new String[] {"a" + c + "b", c + "b", "a" + c}) {
        assertThat(accepted(value)).as("U+%04X in %s", (int) c, value).isEqualTo(sent(value));
      }
    }
  }

  private static boolean accepted(String value) {
    try {
      EndpointHeaders.check(Map.of("X-Probe", value));
      return true;
    } catch (Refusal e) {
      return false;
    }
  }

  private static boolean sent(String value) {
    try {
      Request request =
          new Request.Builder().url("http://localhost/").header("X-Probe", value).build();
      return value.equals(request.header("X-Probe"));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String printableAscii() {
    StringBuilder all = new StringBuilder();
    for (char c = '!'; c <= '~'; c++) {
      all.append(c).append(' ');
    }
    return all.toString().strip();
  }

  private static void assertRefused(Map<String, String> headers, String message, String secret) {
    assertThatThrownBy(() -> EndpointHeaders.check(headers))
        .isInstanceOf(Refusal.class)
        .hasMessage(message)
        .message()
        .doesNotContain(secret);
  }
}
