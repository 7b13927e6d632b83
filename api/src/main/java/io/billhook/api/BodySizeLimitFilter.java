package io.billhook.api;

import io.billhook.api.input.BufferedBody;
import io.billhook.api.problems.Problems;
import io.billhook.core.events.EnvelopeSize;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Request bodies over 256 KiB get a 413 before anything reads them. */
@Component
// After the security chain (order -100): a caller without a valid token learns nothing else.
@Order(-99)
public class BodySizeLimitFilter extends OncePerRequestFilter {
  private static final int LIMIT = EnvelopeSize.LIMIT;

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > LIMIT) {
      tooLarge(response);
      return;
    }
    if (request.getContentLengthLong() >= 0) {
      chain.doFilter(request, response);
      return;
    }
    // Chunked: read at most one byte past the limit to know.
    byte[] body = request.getInputStream().readNBytes(LIMIT + 1);
    if (body.length > LIMIT) {
      tooLarge(response);
      return;
    }
    chain.doFilter(new BufferedBody(request, body), response);
  }

  private static void tooLarge(HttpServletResponse response) throws IOException {
    Problems.write(
        response,
        HttpStatus.CONTENT_TOO_LARGE,
        "request body is larger than 256 KiB; send less data per event");
  }
}
