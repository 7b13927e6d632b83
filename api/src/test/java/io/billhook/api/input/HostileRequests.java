package io.billhook.api.input;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Makes hostile requests for the REST edge's JSON routes from a seed: random bytes, truncated or
 * corrupted valid bodies, wrong types, huge numbers, deep nesting, NULs, bad UTF-8, odd content
 * types, keys twice, unknown fields. Each is refused by construction (none can be a valid request),
 * so the edge must answer every one with a 4xx and change nothing.
 */
final class HostileRequests {
  /** A request: what it is made of, and how to print it when it gets a wrong answer. */
  record Hostile(
      String method,
      String path,
      String family,
      String contentType,
      String contentEncoding,
      byte[] body,
      boolean chunked) {
    String describe() {
      String text = new String(body, StandardCharsets.UTF_8);
      String shown = text.length() > 300 ? text.substring(0, 300) + "..." : text;
      return method
          + " "
          + path
          + " ["
          + family
          + (chunked ? ", chunked" : "")
          + "] Content-Type="
          + contentType
          + (contentEncoding == null ? "" : " Content-Encoding=" + contentEncoding)
          + " body("
          + body.length
          + " bytes)="
          + shown.replaceAll("[^\\x20-\\x7e]", "?")
          + (body.length <= 64 ? " hex=" + HexFormat.of().formatHex(body) : "");
    }
  }

  private enum Kind {
    STRING,
    STRINGS,
    HEADERS,
    BOOLEAN,
    DATA
  }

  /** A route and one valid body as (field, raw JSON value) entries. */
  private record Route(String method, String path, List<Map.Entry<String, String>> valid) {}

  private static final Map<String, Kind> KINDS =
      Map.ofEntries(
          Map.entry("url", Kind.STRING),
          Map.entry("description", Kind.STRING),
          Map.entry("events", Kind.STRINGS),
          Map.entry("headers", Kind.HEADERS),
          Map.entry("enabled", Kind.BOOLEAN),
          Map.entry("id", Kind.STRING),
          Map.entry("type", Kind.STRING),
          Map.entry("timestamp", Kind.STRING),
          Map.entry("data", Kind.DATA),
          Map.entry("trialExpiringLead", Kind.STRING),
          Map.entry("renewalGrace", Kind.STRING));
  private static final Map<Kind, List<String>> WRONG =
      Map.of(
          Kind.STRING,
          List.of(
              "5",
              "-1.5",
              "true",
              "false",
              "[]",
              "{}",
              "[\"x\"]",
              "{\"a\":\"b\"}",
              "1e400",
              "123456789012345678901234567890"),
          Kind.STRINGS,
          List.of(
              "\"payment.received\"",
              "5",
              "{}",
              "[1]",
              "[true]",
              "[[\"*\"]]",
              "[{}]",
              "[\"*\",5]",
              "true"),
          Kind.HEADERS,
          List.of("[]", "\"x\"", "5", "{\"X\":1}", "{\"X\":[]}", "{\"X\":{}}", "{\"X\":true}"),
          Kind.BOOLEAN,
          List.of("\"true\"", "1", "0", "\"yes\"", "[]", "{}", "[true]"),
          Kind.DATA,
          List.of("\"x\"", "5", "[]", "true", "[{}]", "null"));
  private static final List<String> HUGE =
      List.of(
          "1e400",
          "-1e309",
          "12345678901234567890",
          "1e99999999999",
          "1e-99999999999",
          "9".repeat(400),
          "9".repeat(1200),
          "0." + "1".repeat(1100));
  private static final List<String> ODD_TYPES =
      List.of(
          "text/plain",
          "text/plain; charset=utf-8",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/xml",
          "application/json; charset=ISO-8859-1",
          "application/json; charset=utf-16",
          "application/json; charset=nope",
          "application/merge-patch+json",
          "application/problem+json",
          "*/*",
          "application/*",
          "json",
          "application/jsonx",
          "application/json, text/plain",
          "application/json; q=1",
          "application/json; charset=\"latin1\"",
          "text/json");
  private static final List<String> UNKNOWN_NAMES =
      List.of(
          "secret",
          "Url",
          "url ",
          "__proto__",
          "constructor",
          "extra",
          "",
          "type2",
          "ID",
          "enabled\u00e9",
          "x.y",
          "0");
  private static final List<byte[]> BAD_UTF8 =
      List.of(
          new byte[] {(byte) 0x80},
          new byte[] {(byte) 0xC0, (byte) 0xAF},
          new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
          new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
          new byte[] {(byte) 0xE2, (byte) 0x82},
          new byte[] {(byte) 0xFF},
          new byte[] {(byte) 0xE9});
  private static final String JSONISH = "{}[]\":,0123456789.-+eE tfrulnas\\/u\n\t\u00e9\u0000";

  private final List<Route> routes;

  HostileRequests(String vendor, String endpointId) {
    String v = "/v1/vendors/" + vendor;
    String one = v + "/endpoints/" + endpointId;
    routes =
        List.of(
            new Route(
                "POST",
                v + "/events",
                entries(
                    "type", "\"payment.received\"", "data", "{\"amount\":4999,\"note\":\"ok\"}")),
            new Route(
                "POST",
                v + "/events",
                entries(
                    "id",
                    "\"evt_fuzz\"",
                    "type",
                    "\"customer.created\"",
                    "timestamp",
                    "\"2026-03-29T14:32:00Z\"",
                    "data",
                    "{\"customerId\":\"c1\"}")),
            new Route(
                "POST",
                v + "/endpoints",
                entries(
                    "url",
                    "\"http://127.0.0.1:9/hook\"",
                    "events",
                    "[\"payment.received\"]",
                    "description",
                    "\"CRM\"",
                    "headers",
                    "{\"X-Tenant\":\"acme\"}",
                    "enabled",
                    "true")),
            new Route("PATCH", one, entries("description", "\"CRM\"", "enabled", "false")),
            new Route("PATCH", one, entries("events", "[\"*\"]", "headers", "{\"X-A\":\"b\"}")),
            new Route("PATCH", one, entries("url", "\"http://127.0.0.1:9/other\"")),
            new Route("POST", one + "/rotate-secret", entries()),
            new Route("POST", one + "/test", entries()),
            new Route(
                "PUT",
                v + "/settings",
                entries("trialExpiringLead", "\"PT72H\"", "renewalGrace", "\"PT24H\"")));
  }

  Hostile next(Random r) {
    Route route = routes.get(r.nextInt(routes.size()));
    String json = "application/json";
    String okType =
        List.of(
                json,
                json,
                json,
                "application/json; charset=utf-8",
                "Application/JSON;Charset=UTF-8")
            .get(r.nextInt(5));
    boolean chunked = r.nextInt(8) == 0;
    List<Map.Entry<String, String>> body = new ArrayList<>(route.valid());
    return switch (r.nextInt(11)) {
      case 0 -> make(route, "random bytes", okType, randomBytes(r), chunked);
      case 1 -> {
        byte[] valid = render(body);
        byte[] cut = new byte[1 + r.nextInt(valid.length - 1)];
        System.arraycopy(valid, 0, cut, 0, cut.length);
        yield make(route, "truncated", okType, cut, chunked);
      }
      case 2 -> make(route, "corrupted", okType, corrupt(r, render(body)), chunked);
      case 3 -> make(route, "wrong type", okType, render(replaceOne(r, body, null)), chunked);
      case 4 -> make(route, "huge number", okType, render(huge(r, body, route)), chunked);
      case 5 -> make(route, "deep nesting", okType, render(deep(r, body)), chunked);
      case 6 -> make(route, "NUL", okType, render(nul(r, body)), chunked);
      case 7 -> badUtf8(r, route, body, okType, chunked);
      case 8 -> oddType(r, route, body, chunked);
      case 9 -> make(route, "key twice", okType, render(twice(r, body)), chunked);
      default -> make(route, "unknown field", okType, render(unknown(r, body)), chunked);
    };
  }

  private static Hostile make(Route route, String family, String type, byte[] body, boolean ch) {
    return new Hostile(route.method(), route.path(), family, type, null, body, ch);
  }

  private static List<Map.Entry<String, String>> entries(String... pairs) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.add(Map.entry(pairs[i], pairs[i + 1]));
    }
    return out;
  }

  private static byte[] render(List<Map.Entry<String, String>> entries) {
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, String> e : entries) {
      out.append(out.length() == 1 ? "" : ",").append('"').append(e.getKey()).append("\":");
      out.append(e.getValue());
    }
    return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Random bytes, or random JSON-looking text; never {} or null (valid for some routes). */
  private static byte[] randomBytes(Random r) {
    while (true) {
      byte[] out;
      if (r.nextBoolean()) {
        out = new byte[1 + r.nextInt(400)];
        r.nextBytes(out);
      } else {
        StringBuilder text = new StringBuilder();
        for (int i = 1 + r.nextInt(200); i > 0; i--) {
          text.append(JSONISH.charAt(r.nextInt(JSONISH.length())));
        }
        out = text.toString().getBytes(StandardCharsets.UTF_8);
      }
      String bare = new String(out, StandardCharsets.UTF_8).replaceAll("[ \\t\\n\\r]", "");
      if (!bare.equals("{}") && !bare.equals("null")) {
        return out;
      }
    }
  }

  /** Bytes never allowed anywhere in JSON text (controls) or in UTF-8 (C0, C1, F5 to FF). */
  private static byte[] corrupt(Random r, byte[] valid) {
    byte[] out = valid.clone();
    for (int k = 1 + r.nextInt(3); k > 0; k--) {
      int b = r.nextBoolean() ? r.nextInt(0x20) : 0xF5 + r.nextInt(11);
      out[r.nextInt(out.length)] = (byte) (b == '\t' || b == '\n' || b == '\r' ? 0xC0 : b);
    }
    return out;
  }

  /** One field's value replaced, or (for routes without fields) an unknown field added. */
  private static List<Map.Entry<String, String>> replaceOne(
      Random r, List<Map.Entry<String, String>> body, String value) {
    if (body.isEmpty()) {
      body.add(Map.entry("x", value != null ? value : "5"));
      return body;
    }
    int i = r.nextInt(body.size());
    List<String> wrong = WRONG.get(KINDS.get(body.get(i).getKey()));
    body.set(
        i,
        Map.entry(
            body.get(i).getKey(), value != null ? value : wrong.get(r.nextInt(wrong.size()))));
    return body;
  }

  private static List<Map.Entry<String, String>> huge(
      Random r, List<Map.Entry<String, String>> body, Route route) {
    String number = HUGE.get(r.nextInt(HUGE.size()));
    if (route.path().endsWith("/events") && r.nextInt(4) == 0) {
      // Under the request limit, but written out by JavaScript it is over the envelope limit.
      return replaceData(body, "{\"n\":[" + "1e20,".repeat(46_000 + r.nextInt(6_000)) + "1]}");
    }
    return route.path().endsWith("/events")
        ? replaceData(body, "{\"n\":" + number + "}")
        : replaceOne(r, body, number);
  }

  private static List<Map.Entry<String, String>> replaceData(
      List<Map.Entry<String, String>> body, String data) {
    body.replaceAll(e -> e.getKey().equals("data") ? Map.entry("data", data) : e);
    return body;
  }

  private static List<Map.Entry<String, String>> deep(
      Random r, List<Map.Entry<String, String>> body) {
    int depth = 1200 + r.nextInt(4000);
    String nest =
        r.nextBoolean()
            ? "[".repeat(depth) + "]".repeat(depth)
            : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    return body.stream().anyMatch(e -> e.getKey().equals("data"))
        ? replaceData(body, "{\"x\":" + nest + "}")
        : replaceOne(r, body, nest);
  }

  private static List<Map.Entry<String, String>> nul(
      Random r, List<Map.Entry<String, String>> body) {
    String value = "\"" + "ab".substring(0, r.nextInt(3) % 2) + "\\u0000" + "\"";
    if (body.stream().anyMatch(e -> e.getKey().equals("data")) && r.nextBoolean()) {
      return replaceData(body, r.nextBoolean() ? "{\"note\":" + value + "}" : "{\"k\\u0000\":1}");
    }
    List<Integer> strings = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      if (KINDS.get(body.get(i).getKey()) == Kind.STRING) {
        strings.add(i);
      }
    }
    if (strings.isEmpty()) {
      body.add(Map.entry(r.nextBoolean() ? "x\\u0000" : "events", "[" + value + "]"));
    } else {
      int i = strings.get(r.nextInt(strings.size()));
      body.set(i, Map.entry(body.get(i).getKey(), value));
    }
    return body;
  }

  private static Hostile badUtf8(
      Random r, Route route, List<Map.Entry<String, String>> body, String type, boolean ch) {
    byte[] valid = render(body);
    if (r.nextInt(4) == 0) { // honest Latin-1, declared as such
      String text = new String(valid, StandardCharsets.UTF_8).replace("o", "\u00f6");
      return make(
          route,
          "Latin-1",
          "application/json; charset=ISO-8859-1",
          text.getBytes(StandardCharsets.ISO_8859_1),
          ch);
    }
    List<Integer> letters = new ArrayList<>();
    for (int i = 0; i < valid.length; i++) {
      if (valid[i] >= 'a' && valid[i] <= 'z') {
        letters.add(i);
      }
    }
    int at = letters.isEmpty() ? 1 : letters.get(r.nextInt(letters.size()));
    byte[] bad = BAD_UTF8.get(r.nextInt(BAD_UTF8.size()));
    byte[] out = new byte[valid.length - 1 + bad.length];
    System.arraycopy(valid, 0, out, 0, at);
    System.arraycopy(bad, 0, out, at, bad.length);
    System.arraycopy(valid, at + 1, out, at + bad.length, valid.length - at - 1);
    return make(route, "bad UTF-8", type, out, ch);
  }

  private static Hostile oddType(
      Random r, Route route, List<Map.Entry<String, String>> body, boolean chunked) {
    byte[] valid = render(body);
    int pick = r.nextInt(ODD_TYPES.size() + 2);
    if (pick == ODD_TYPES.size()) {
      return new Hostile(
          route.method(),
          route.path(),
          "no Content-Type",
          null,
          null,
          valid.length > 2 ? valid : "{\"x\":1}".getBytes(StandardCharsets.UTF_8),
          chunked);
    } else if (pick == ODD_TYPES.size() + 1) {
      return new Hostile(
          route.method(),
          route.path(),
          "compressed",
          "application/json",
          List.of("gzip", "deflate", "br").get(r.nextInt(3)),
          valid,
          chunked);
    }
    return make(route, "odd Content-Type", ODD_TYPES.get(pick), valid, chunked);
  }

  private static List<Map.Entry<String, String>> twice(
      Random r, List<Map.Entry<String, String>> body) {
    if (body.isEmpty()) {
      return entries("a", "1", "a", "1");
    }
    Map.Entry<String, String> again = body.get(r.nextInt(body.size()));
    if (again.getKey().equals("data") && r.nextBoolean()) {
      return replaceData(body, "{\"amount\":1,\"note\":\"x\",\"amount\":1}");
    } else if (again.getKey().equals("headers") && r.nextBoolean()) {
      body.replaceAll(
          e ->
              e.getKey().equals("headers")
                  ? Map.entry("headers", "{\"X-A\":\"1\",\"X-A\":\"1\"}")
                  : e);
      return body;
    }
    body.add(r.nextInt(body.size() + 1), again);
    return body;
  }

  private static List<Map.Entry<String, String>> unknown(
      Random r, List<Map.Entry<String, String>> body) {
    String name = UNKNOWN_NAMES.get(r.nextInt(UNKNOWN_NAMES.size()));
    String value = List.of("1", "\"whsec_mine\"", "null", "{}", "[]", "true").get(r.nextInt(6));
    body.add(r.nextInt(body.size() + 1), Map.entry(name, value));
    return body;
  }
}
