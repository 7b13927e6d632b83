package io.billhook.api.auth;

import io.billhook.api.problems.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Every {@code /v1} route needs {@code Authorization: Bearer <BILLHOOK_API_TOKEN>}. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BearerTokenFilter extends OncePerRequestFilter {
  private static final String PREFIX = "Bearer ";
  private final ApiToken token;

  BearerTokenFilter(ApiToken token) {
    this.token = token;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/v1");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      response.setHeader("WWW-Authenticate", "Bearer");
      Problems.write(
          response,
          HttpStatus.UNAUTHORIZED,
          "send the API token as 'Authorization: Bearer <token>' (BILLHOOK_API_TOKEN)");
      return;
    }
    if (!token.matches(header.substring(PREFIX.length()).trim())) {
      response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      Problems.write(response, HttpStatus.UNAUTHORIZED, "the API token is not valid");
      return;
    }
    chain.doFilter(request, response);
  }
}
