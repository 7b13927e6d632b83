package io.billhook.api.input;

import static io.billhook.api.input.HostileValues.HUGE;
import static io.billhook.api.input.HostileValues.KINDS;
import static io.billhook.api.input.HostileValues.UNKNOWN_NAMES;
import static io.billhook.api.input.HostileValues.WRONG;

import io.billhook.api.input.HostileValues.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Field-level edits of a valid JSON object body, kept as (field, raw JSON value) entries so a key
 * can appear twice. Each edit makes the body one the edge must refuse.
 */
final class HostileBodies {
  private HostileBodies() {}

  static List<Map.Entry<String, String>> entries(String... pairs) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.add(Map.entry(pairs[i], pairs[i + 1]));
    }
    return out;
  }

  static byte[] render(List<Map.Entry<String, String>> entries) {
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, String> e : entries) {
      out.append(out.length() == 1 ? "" : ",").append('"').append(e.getKey()).append("\":");
      out.append(e.getValue());
    }
    return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** One field's value replaced, or (for routes without fields) an unknown field added. */
  static List<Map.Entry<String, String>> replaceOne(
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

  static List<Map.Entry<String, String>> huge(
      Random r, List<Map.Entry<String, String>> body, boolean events) {
    String number = HUGE.get(r.nextInt(HUGE.size()));
    if (events && r.nextInt(4) == 0) {
      // Under the request limit, but written out by JavaScript it is over the envelope limit.
      return replaceData(body, "{\"n\":[" + "1e20,".repeat(46_000 + r.nextInt(6_000)) + "1]}");
    }
    return events ? replaceData(body, "{\"n\":" + number + "}") : replaceOne(r, body, number);
  }

  static List<Map.Entry<String, String>> replaceData(
      List<Map.Entry<String, String>> body, String data) {
    body.replaceAll(e -> e.getKey().equals("data") ? Map.entry("data", data) : e);
    return body;
  }

  static List<Map.Entry<String, String>> deep(Random r, List<Map.Entry<String, String>> body) {
    int depth = 1200 + r.nextInt(4000);
    String nest =
        r.nextBoolean()
            ? "[".repeat(depth) + "]".repeat(depth)
            : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    return body.stream().anyMatch(e -> e.getKey().equals("data"))
        ? replaceData(body, "{\"x\":" + nest + "}")
        : replaceOne(r, body, nest);
  }

  static List<Map.Entry<String, String>> nul(Random r, List<Map.Entry<String, String>> body) {
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

  static List<Map.Entry<String, String>> twice(Random r, List<Map.Entry<String, String>> body) {
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

  static List<Map.Entry<String, String>> unknown(Random r, List<Map.Entry<String, String>> body) {
    String name = UNKNOWN_NAMES.get(r.nextInt(UNKNOWN_NAMES.size()));
    String value = List.of("1", "\"whsec_mine\"", "null", "{}", "[]", "true").get(r.nextInt(6));
    body.add(r.nextInt(body.size() + 1), Map.entry(name, value));
    return body;
  }
}
