package io.billhook.core.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The envelope as a message template sees it: every field whose name says it holds a secret
 * (password, secret, token, credentials, API key, ...) is removed, at any depth, with its value,
 * and the token of any chat webhook URL in a value is shown as {@code ***}.
 */
final class ScrubbedEnvelope {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Names (lowercased, without '_' and '-') that hold a secret wherever they appear in one. */
  private static final List<String> SECRET_PARTS =
      List.of(
          "password",
          "passwd",
          "passphrase",
          "secret",
          "token",
          "credential",
          "apikey",
          "accesskey",
          "privatekey",
          "authorization",
          "cookie",
          "session",
          "signature");

  /** Names that hold a secret only as the whole name. */
  private static final Set<String> SECRET_NAMES =
      Set.of("pin", "cvv", "cvc", "otp", "auth", "key", "pass", "pwd", "iban", "cardnumber");

  private ScrubbedEnvelope() {}

  static Map<String, Object> of(String envelopeBody) {
    try {
      return scrub(JSON.readValue(envelopeBody, new TypeReference<Map<String, Object>>() {}));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the envelope is not JSON", e);
    }
  }

  /** Whether a field of this name may hold a secret, and so never reaches a chat. */
  static boolean isSecret(String name) {
    String normal = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    return SECRET_NAMES.contains(normal) || SECRET_PARTS.stream().anyMatch(normal::contains);
  }

  private static Map<String, Object> scrub(Map<String, Object> map) {
    Map<String, Object> kept = new LinkedHashMap<>();
    map.forEach(
        (name, value) -> {
          if (!isSecret(name)) {
            kept.put(name, scrubValue(value));
          }
        });
    return kept;
  }

  @SuppressWarnings("unchecked")
  private static Object scrubValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      return scrub((Map<String, Object>) map);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ScrubbedEnvelope::scrubValue).toList();
    }
    if (value instanceof String text && text.regionMatches(true, 0, "http", 0, 4)) {
      return ChatUrls.masked(text); // a chat webhook's URL is a credential wherever it appears
    }
    return value;
  }
}
