package io.billhook.api.input;

import io.billhook.api.problems.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request that may carry a body (POST, PUT, PATCH) is JSON in UTF-8, whatever the route: a
 * body needs {@code Content-Type: application/json} (charset absent or UTF-8), else 415; bytes that
 * are not UTF-8 get a 400. Routes then read the checked bytes. Runs after the size limit, so at
 * most 256 KiB is held.
 */
@Component
// After the security chain (order -100): a caller without a valid token learns nothing else.
@Order(-98)
public class JsonBodyFilter extends OncePerRequestFilter {
  private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");
  private static final String TEXT = JsonBodyFilter.class.getName() + ".text";

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    // Whatever the path: a prefix test on the raw URI would miss /%761/..., which routes to /v1.
    return !WITH_BODY.contains(request.getMethod());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readAllBytes();
    Optional<String> refusal = JsonContentType.refusal(request, body.length > 0);
    if (refusal.isPresent()) {
      Problems.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, refusal.get());
      return;
    }
    if (startsWithByteOrderMark(body)) {
      Problems.write(
          response,
          HttpStatus.BAD_REQUEST,
          "request body starts with a byte order mark; send UTF-8 without one");
      return;
    }
    // Strict decoding (REPORT, not replace): a body is refused rather than read with U+FFFD.
    CharsetDecoder strict =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bytes = ByteBuffer.wrap(body);
    try {
      request.setAttribute(TEXT, strict.decode(bytes).toString());
    } catch (CharacterCodingException e) {
      Problems.write(
          response,
          HttpStatus.BAD_REQUEST,
          "request body is not valid UTF-8 (bad bytes at byte offset "
              + bytes.position()
              + "); send JSON encoded in UTF-8");
      return;
    }
    chain.doFilter(new BufferedBody(request, body), response);
  }

  /**
   * The body as this filter decoded it, for a route that reads it as text: the same characters as
   * the bytes it serves, without decoding them again.
   */
  public static String text(HttpServletRequest request) throws IOException {
    return request.getAttribute(TEXT) instanceof String text
        ? text
        : new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  /** JSON forbids sending one; JavaScript's JSON.parse rejects it. */
  private static boolean startsWithByteOrderMark(byte[] body) {
    return body.length >= 3
        && body[0] == (byte) 0xEF
        && body[1] == (byte) 0xBB
        && body[2] == (byte) 0xBF;
  }
}
