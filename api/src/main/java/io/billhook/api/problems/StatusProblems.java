package io.billhook.api.problems;

import org.springframework.http.HttpStatus;

/**
 * What to tell the caller when all there is to go on is a status code: errors raised by the HTTP
 * server itself, before or after the API's own code.
 */
public final class StatusProblems {
  private StatusProblems() {}

  /** The status as an {@link HttpStatus}; an unknown code becomes its class's generic status. */
  public static HttpStatus status(int code) {
    HttpStatus status = HttpStatus.resolve(code);
    if (status != null) {
      return status;
    }
    return code >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
  }

  public static String detail(HttpStatus status) {
    return switch (status) {
      case BAD_REQUEST ->
          "the request is not valid HTTP, or its path has a character or %-escape the API does"
              + " not accept (such as %00, an encoded '/', '\\', '#', a bad or overlong escape,"
              + " or a byte outside printable ASCII); send the plain path, as in"
              + " /v1/vendors/{vendorId}/endpoints";
      case NOT_FOUND -> "no such route; the API's routes are under /v1";
      case METHOD_NOT_ALLOWED ->
          "this route does not accept this HTTP method; see the Allow header";
      case NOT_ACCEPTABLE -> "the API answers in JSON only; accept application/json";
      case UNSUPPORTED_MEDIA_TYPE ->
          "send the request body as JSON (Content-Type: application/json)";
      case CONTENT_TOO_LARGE -> "request body is larger than 256 KiB; send less data per event";
      case URI_TOO_LONG -> "the request path is too long";
      case REQUEST_HEADER_FIELDS_TOO_LARGE -> "the request headers are too large";
      case HTTP_VERSION_NOT_SUPPORTED -> "send HTTP/1.1";
      case NOT_IMPLEMENTED -> "the API does not accept this HTTP method";
      default ->
          status.is5xxServerError()
              ? "unexpected error"
              : "the request was refused (" + status.getReasonPhrase() + ")";
    };
  }
}
