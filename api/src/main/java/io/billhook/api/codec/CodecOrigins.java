package io.billhook.api.codec;

import io.billhook.api.problems.Problems;
import io.billhook.core.codec.CodecAccess;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS for the codec endpoint, for the Temporal UI's origin only. A request that carries any other
 * {@code Origin} (another site, {@code null}, a look-alike host) is refused with 403 before its
 * token is read; the UI's preflight is answered here; its requests get the headers that let the
 * browser read the answer, errors included. A request without {@code Origin} is not a browser's
 * cross-site call and goes on to access control.
 */
public final class CodecOrigins extends OncePerRequestFilter {
  private static final String ALLOWED_HEADERS = "Content-Type, X-Namespace, Authorization";

  private final CodecAccess access;

  public CodecOrigins(CodecAccess access) {
    this.access = access;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin == null) {
      chain.doFilter(request, response);
      return;
    }
    if (!access.allowsOrigin(origin)
        || Collections.list(request.getHeaders(HttpHeaders.ORIGIN)).size() > 1) {
      Problems.write(
          response,
          HttpStatus.FORBIDDEN,
          "this origin may not call the codec endpoint; only the Temporal UI's may"
              + " (BILLHOOK_TEMPORAL_UI_ORIGIN)");
      return;
    }
    response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
    if ("OPTIONS".equals(request.getMethod())
        && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null) {
      response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "POST");
      response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
      response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
      response.setStatus(HttpStatus.NO_CONTENT.value());
      return;
    }
    chain.doFilter(request, response);
  }
}
