package io.billhook.api.auth;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One way to spell a request for a {@code /v1/...} route that a lax access check might read as
 * another path (or as no path at all) while routing still finds the route.
 */
record Spelling(
    String name, UnaryOperator<String> target, String version, Map<String, String> headers) {

  @Override
  public String toString() {
    return name;
  }

  static Spelling of(String name, UnaryOperator<String> target) {
    return new Spelling(name, target, "HTTP/1.1", Map.of());
  }

  static Spelling withHeaders(String name, Map<String, String> headers) {
    return new Spelling(name, path -> path, "HTTP/1.1", headers);
  }

  /** Every spelling; each takes a canonical path that starts with {@code /v1/}. */
  static List<Spelling> all() {
    return List.of(
        of("plain", p -> p),
        of("%76 for v", p -> "/%761" + rest(p)),
        of("%31 for 1", p -> "/v%31" + rest(p)),
        of("%76%31", p -> "/%76%31" + rest(p)),
        of("%56 for V", p -> "/%561" + rest(p)),
        of("upper case V1", p -> "/V1" + rest(p)),
        of("%76 inside vendors", p -> p.replaceFirst("/vendors/", "/%76endors/")),
        of("last segment's first char encoded", Spelling::encodeLastSegmentStart),
        of("%2F for /", p -> "/v1%2F" + rest(p).substring(1)),
        of("%2f for /", p -> "/v1%2f" + rest(p).substring(1)),
        of("%252F double-encoded /", p -> "/v1%252F" + rest(p).substring(1)),
        of("%2576 double-encoded v", p -> "/%2576%31" + rest(p)),
        of("%00 appended", p -> p + "%00"),
        of("%00 after v1", p -> "/v1%00" + rest(p)),
        of("%2e segment", p -> "/v1/%2e" + rest(p)),
        of("%2e%2e segment", p -> "/v1/%2e%2e" + p),
        of("%2E%2E segment", p -> "/v1/%2E%2E" + p),
        of("/v1/../v1/", p -> "/v1/.." + p),
        of("/x/../", p -> "/x/.." + p),
        of("/./ before", p -> "/." + p),
        of("/./ inside", p -> "/v1/." + rest(p)),
        of("trailing /.", p -> p + "/."),
        of("trailing /..", p -> p + "/.."),
        of("matrix ;x=1 on v1", p -> "/v1;x=1" + rest(p)),
        of("matrix ;x=1 at end", p -> p + ";x=1"),
        of("matrix ;jsessionid", p -> p + ";jsessionid=abc"),
        of("empty ; segment", p -> "/;" + p),
        of("// before", p -> "/" + p),
        of("// inside", p -> "/v1/" + rest(p)),
        of("trailing /", p -> p + "/"),
        of("trailing //", p -> p + "//"),
        of("backslashes", p -> "/" + p.substring(1).replace("/", "\\")),
        of("%5C for /", p -> "/v1%5C" + rest(p).substring(1)),
        of("%5c for /", p -> "/v1%5c" + rest(p).substring(1)),
        of("fullwidth 1 (encoded)", p -> "/v%EF%BC%91" + rest(p)),
        of("fullwidth 1 (raw UTF-8)", p -> "/v\u00ef\u00bc\u0091" + rest(p)),
        of("cyrillic izhitsa for v", p -> "/%D1%B51" + rest(p)),
        of("long s in last segment", p -> p.replaceFirst("/([a-z])([a-z-]*)$", "/%C5%BF$2")),
        of("overlong / (%C0%AF)", p -> "/v1%C0%AF" + rest(p).substring(1)),
        of("overlong v (%C1%B6)", p -> "/%C1%B61" + rest(p)),
        of("overlong .. (%C0%AE)", p -> "/v1/%C0%AE%C0%AE" + p),
        of("IIS %u0076", p -> "/%u00761" + rest(p)),
        of("bad escape %zz", p -> p + "%zz"),
        of("truncated escape %7", p -> p + "%7"),
        of("%20 appended", p -> p + "%20"),
        of("%3F appended", p -> p + "%3F"),
        of("%23 appended", p -> p + "%23"),
        of(".json suffix", p -> p + ".json"),
        of("query that names health", p -> p + "?/actuator/health"),
        of("fragment", p -> p + "#x"),
        of("health/../..", p -> "/actuator/health/../.." + p),
        of("health/%2e%2e/%2e%2e", p -> "/actuator/health/%2e%2e/%2e%2e" + p),
        of("health;/../..", p -> "/actuator/health;/../.." + p),
        of("health%2F..%2F..", p -> "/actuator/health%2F..%2F.." + p),
        of("absolute-form", p -> "http://localhost" + p),
        of("absolute-form via health", p -> "http://localhost/actuator/health/../.." + p),
        of("raw tab", p -> p + "\t"),
        of("raw NUL byte", p -> "/v1\u0000" + rest(p)),
        of("raw DEL byte", p -> p + "\u007f"),
        of("raw byte 0xFF", p -> p + "\u00ff"),
        new Spelling("HTTP/1.0", p -> p, "HTTP/1.0", Map.of()),
        withHeaders("X-Original-URL health", Map.of("X-Original-URL", "/actuator/health")),
        withHeaders("X-Rewrite-URL health", Map.of("X-Rewrite-URL", "/actuator/health")),
        withHeaders(
            "X-Forwarded-Prefix and -Host",
            Map.of("X-Forwarded-Prefix", "/actuator/health", "X-Forwarded-Host", "localhost")),
        withHeaders("X-HTTP-Method-Override GET", Map.of("X-HTTP-Method-Override", "GET")));
  }

  private static String rest(String path) {
    return path.substring("/v1".length());
  }

  private static String encodeLastSegmentStart(String path) {
    int slash = path.lastIndexOf('/');
    return path.substring(0, slash + 1)
        + String.format("%%%02X", (int) path.charAt(slash + 1))
        + path.substring(slash + 2);
  }
}
