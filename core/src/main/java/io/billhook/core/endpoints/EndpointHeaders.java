package io.billhook.core.endpoints;

import io.billhook.core.refusals.Refusal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an endpoint's custom headers may be: RFC 9110 field names and values that the HTTP client
 * sends unchanged, none of the headers Billhook sets or HTTP itself manages, within a size a
 * receiver accepts. Values often carry credentials, so messages name the header, never its value.
 */
final class EndpointHeaders {
  static final int MAX_COUNT = 20;
  static final int MAX_NAME = 100;
  static final int MAX_VALUE = 4096;
  static final int MAX_TOTAL = 8192;

  /** tchar (RFC 9110, section 5.6.2). */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

  /** Set on every delivery (docs/receivers.md, "Headers"), or by HTTP itself. */
  private static final Set<String> RESERVED =
      Set.of(
          "user-agent",
          "host",
          "connection",
          "keep-alive",
          "transfer-encoding",
          "te",
          "trailer",
          "upgrade",
          "expect",
          "accept-encoding");

  /** Whole families: the body's description, proxies', and the signature headers'. */
  private static final List<String> RESERVED_PREFIXES =
      List.of("content-", "proxy-", "webhook-", "x-webhook-");

  private EndpointHeaders() {}

  static Map<String, String> check(Map<String, String> headers) {
    if (headers == null) {
      return Map.of();
    }
    if (headers.size() > MAX_COUNT) {
      throw Refusal.invalid("headers may hold at most " + MAX_COUNT + " entries");
    }
    Map<String, String> checked = new LinkedHashMap<>();
    Map<String, String> seen = new LinkedHashMap<>();
    int total = 0;
    int position = 0;
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String name = name(header.getKey(), ++position);
      String earlier = seen.put(name.toLowerCase(Locale.ROOT), name);
      if (earlier != null) {
        throw Refusal.invalid(
            "headers '" + earlier + "' and '" + name + "' are the same header (names ignore case)");
      }
      checkValue(name, header.getValue());
      total += name.length() + header.getValue().length();
      checked.put(name, header.getValue());
    }
    if (total > MAX_TOTAL) {
      throw Refusal.invalid(
          "headers may total at most " + MAX_TOTAL + " characters of names and values");
    }
    return checked;
  }

  private static String name(String name, int position) {
    if (name == null || name.length() > MAX_NAME || !TOKEN.matcher(name).matches()) {
      throw Refusal.invalid(
          "header "
              + position
              + " has no valid name: a name is 1 to "
              + MAX_NAME
              + " letters, digits or !#$%&'*+-.^_`|~ (no spaces or colons)");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (RESERVED.contains(lower) || RESERVED_PREFIXES.stream().anyMatch(lower::startsWith)) {
      throw Refusal.invalid(
          "header '"
              + name
              + "' is set by Billhook or by HTTP itself and cannot be overridden (reserved:"
              + " Content-*, Proxy-*, webhook-*, X-Webhook-*, User-Agent, Host, Connection,"
              + " Keep-Alive, Transfer-Encoding, TE, Trailer, Upgrade, Expect, Accept-Encoding)");
    }
    return name;
  }

  private static void checkValue(String name, String value) {
    if (value == null) {
      throw Refusal.invalid("header '" + name + "' needs a string value");
    }
    if (value.length() > MAX_VALUE) {
      throw Refusal.invalid(
          "header '" + name + "' has a value longer than " + MAX_VALUE + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < ' ' && c != '\t' || c == 0x7f) {
        throw Refusal.invalid(
            "header '"
                + name
                + "' has a value with a control character (a line break, NUL, ...); values are"
                + " printable ASCII");
      }
      if (c > '~') {
        throw Refusal.invalid(
            "header '"
                + name
                + "' has a value with a non-ASCII character; values are printable ASCII"
                + " (percent-encode or base64 anything else)");
      }
    }
    if (!value.isEmpty()
        && (isBlank(value.charAt(0)) || isBlank(value.charAt(value.length() - 1)))) {
      throw Refusal.invalid(
          "header '" + name + "' has a value that starts or ends with a space or tab; remove it");
    }
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }
}
