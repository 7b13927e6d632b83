package io.billhook.api.auth;

import io.billhook.api.problems.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers a request the firewall refused, before any access decision, as problem+json that says
 * what to send instead. The firewall's own message is not shown: it speaks of its own rules.
 */
final class RejectedRequestProblem implements RequestRejectedHandler {
  /** The firewall's default methods. */
  private static final Set<String> METHODS =
      Set.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT");

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
      throws IOException {
    if (!METHODS.contains(request.getMethod())) {
      response.setHeader(HttpHeaders.ALLOW, "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
      Problems.write(
          response,
          HttpStatus.METHOD_NOT_ALLOWED,
          "the API does not accept this HTTP method; use GET, POST, PUT, PATCH or DELETE");
      return;
    }
    Problems.write(response, HttpStatus.BAD_REQUEST, detail(request, e));
  }

  private static String detail(HttpServletRequest request, RequestRejectedException e) {
    String why = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (why.contains("header")) {
      return "a request header contains characters the API does not accept";
    }
    if (why.contains("parameter")) {
      return "a query parameter contains characters the API does not accept";
    }
    if (why.contains("host")) {
      return "the Host header names a host this server does not answer for";
    }
    return "the request path "
        + pathFault(request.getRequestURI().toLowerCase(Locale.ROOT))
        + "; send the plain path, as in /v1/vendors/{vendorId}/endpoints";
  }

  private static String pathFault(String uri) {
    if (uri.contains("%2f") || uri.contains("%5c") || uri.contains("\\")) {
      return "contains an encoded '/' or a '\\'";
    }
    if (uri.contains(";") || uri.contains("%3b")) {
      return "contains a ';' (path parameters are not supported)";
    }
    if (uri.contains("%25")) {
      return "contains an encoded '%'";
    }
    if (uri.contains("%2e")
        || uri.contains("/./")
        || uri.contains("/../")
        || uri.endsWith("/.")
        || uri.endsWith("/..")) {
      return "contains a '.' or '..' segment";
    }
    if (uri.contains("//")) {
      return "contains an empty segment ('//')";
    }
    return "contains a NUL, a control or a non-ASCII character";
  }
}
