package io.billhook.api.input;

import static io.billhook.api.input.HostileBodies.deep;
import static io.billhook.api.input.HostileBodies.entries;
import static io.billhook.api.input.HostileBodies.huge;
import static io.billhook.api.input.HostileBodies.nul;
import static io.billhook.api.input.HostileBodies.render;
import static io.billhook.api.input.HostileBodies.replaceOne;
import static io.billhook.api.input.HostileBodies.twice;
import static io.billhook.api.input.HostileBodies.unknown;
import static io.billhook.api.input.HostileValues.BAD_UTF8;
import static io.billhook.api.input.HostileValues.JSONISH;
import static io.billhook.api.input.HostileValues.ODD_TYPES;

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

  /** A route and one valid body as (field, raw JSON value) entries. */
  private record Route(String method, String path, List<Map.Entry<String, String>> valid) {}

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
      case 4 ->
          make(
              route,
              "huge number",
              okType,
              render(huge(r, body, route.path().endsWith("/events"))),
              chunked);
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
}
