package io.billhook.api.input;

import java.util.List;
import java.util.Map;

/** The raw material of hostile requests: wrong values per field kind, odd types, bad bytes. */
final class HostileValues {
  private HostileValues() {}

  enum Kind {
    STRING,
    STRINGS,
    HEADERS,
    BOOLEAN,
    DATA
  }

  static final Map<String, Kind> KINDS =
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
  static final Map<Kind, List<String>> WRONG =
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
  static final List<String> HUGE =
      List.of(
          "1e400",
          "-1e309",
          "12345678901234567890",
          "1e99999999999",
          "1e-99999999999",
          "9".repeat(400),
          "9".repeat(1200),
          "0." + "1".repeat(1100));
  static final List<String> ODD_TYPES =
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
  static final List<String> UNKNOWN_NAMES =
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
  static final List<byte[]> BAD_UTF8 =
      List.of(
          new byte[] {(byte) 0x80},
          new byte[] {(byte) 0xC0, (byte) 0xAF},
          new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
          new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
          new byte[] {(byte) 0xE2, (byte) 0x82},
          new byte[] {(byte) 0xFF},
          new byte[] {(byte) 0xE9});
  static final String JSONISH = "{}[]\":,0123456789.-+eE tfrulnas\\/u\n\t\u00e9\u0000";
}
