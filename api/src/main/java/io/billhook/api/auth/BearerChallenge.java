package io.billhook.api.auth;

import io.billhook.api.problems.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The problem+json answers of access control: no token, a wrong token, a token not allowed here, a
 * key that cannot be checked now.
 */
final class BearerChallenge
    implements AuthenticationEntryPoint, AuthenticationFailureHandler, AccessDeniedHandler {
  /** No bearer token on a route that needs one. */
  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    Problems.write(
        response,
        HttpStatus.UNAUTHORIZED,
        "send the API token as 'Authorization: Bearer <token>' (BILLHOOK_API_TOKEN)");
  }

  /**
   * A bearer token that is not valid, wherever it was sent; or a key that could not be checked
   * because the database is down (the message says so, in the caller's terms, and was logged).
   */
  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    if (e instanceof AuthenticationServiceException) {
      response.setHeader(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS);
      Problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
      return;
    }
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
    Problems.write(response, HttpStatus.UNAUTHORIZED, "the API token is not valid");
  }

  /** A valid token that does not reach this route. */
  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    Problems.write(
        response,
        HttpStatus.FORBIDDEN,
        "this API key may not use this route: a vendor's key reaches only that vendor's routes"
            + " (not its API keys) and GET /v1/event-types");
  }
}
