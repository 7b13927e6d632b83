package io.billhook.api.input;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Optional;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** Which Content-Type (and Content-Encoding) a JSON request may declare, and why not. */
final class JsonContentType {
  private static final String SEND_JSON =
      "send the body as JSON in UTF-8 with Content-Type: application/json";

  private JsonContentType() {}

  /**
   * Why the request's declared type is refused (415), or empty if it is JSON in UTF-8. A request
   * without a body may leave Content-Type out; one with a body may not.
   */
  static Optional<String> refusal(HttpServletRequest request, boolean hasBody) {
    String encoding = request.getHeader("Content-Encoding");
    if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
      return Optional.of(
          "Content-Encoding '" + encoding + "' is not supported; send the body uncompressed");
    }
    var headers = Collections.list(request.getHeaders("Content-Type"));
    if (headers.isEmpty()) {
      return hasBody ? Optional.of("Content-Type is missing; " + SEND_JSON) : Optional.empty();
    }
    if (headers.size() > 1) {
      return Optional.of("Content-Type is sent more than once; " + SEND_JSON);
    }
    return refusal(headers.get(0));
  }

  private static Optional<String> refusal(String header) {
    MediaType type;
    try {
      type = MediaType.parseMediaType(header);
    } catch (InvalidMediaTypeException e) {
      return Optional.of("Content-Type '" + header + "' is not supported; " + SEND_JSON);
    }
    if (!type.getType().equals("application") || !type.getSubtype().equals("json")) {
      return Optional.of("Content-Type '" + header + "' is not supported; " + SEND_JSON);
    }
    for (String parameter : type.getParameters().keySet()) {
      if (!parameter.equalsIgnoreCase("charset")) {
        return Optional.of(
            "Content-Type parameter '" + parameter + "' is not supported; " + SEND_JSON);
      }
    }
    Charset charset = type.getCharset();
    if (charset != null && !charset.equals(StandardCharsets.UTF_8)) {
      return Optional.of(
          "charset '"
              + type.getParameter("charset")
              + "' is not supported; send the body in UTF-8 (Content-Type: application/json or"
              + " application/json; charset=utf-8)");
    }
    return Optional.empty();
  }
}
