package io.billhook.api.problems;

import io.billhook.core.refusals.Refusal;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/** Every error leaves the API as {@code application/problem+json} saying what to fix. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  private static final Map<Refusal.Kind, HttpStatus> STATUS =
      new EnumMap<>(
          Map.of(
              Refusal.Kind.INVALID, HttpStatus.BAD_REQUEST,
              Refusal.Kind.NOT_FOUND, HttpStatus.NOT_FOUND,
              Refusal.Kind.CONFLICT, HttpStatus.CONFLICT,
              Refusal.Kind.TOO_LARGE, HttpStatus.CONTENT_TOO_LARGE,
              Refusal.Kind.UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE,
              Refusal.Kind.LOST, HttpStatus.INTERNAL_SERVER_ERROR));

  /**
   * Refused by the application: the kind names the status, the message says what to fix. What is
   * unavailable now says when to try again.
   */
  @ExceptionHandler(Refusal.class)
  ResponseEntity<ProblemDetail> refused(Refusal e) {
    if (e.kind() == Refusal.Kind.UNAVAILABLE && e.getCause() != null) {
      log.warn("Temporal call failed: {}", e.getCause().getMessage());
    }
    if (e.kind() == Refusal.Kind.LOST) {
      log.error("Read of a lifecycle entity that cannot be rebuilt: {}", e.getMessage());
    }
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(STATUS.get(e.kind()));
    if (e.kind() == Refusal.Kind.UNAVAILABLE) {
      answer.header(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS);
    }
    return answer
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(Problems.of(STATUS.get(e.kind()), e.getMessage()));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
    return Problems.of(
        HttpStatus.BAD_REQUEST, "parameter '" + e.getName() + "' has an invalid value");
  }

  /** A body Jackson could not bind (endpoints, settings): said in the caller's terms. */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String detail =
        e.getCause() instanceof JacksonException cause
            ? JsonProblems.describe(cause)
            : "request body could not be read; send a JSON object";
    return ResponseEntity.badRequest()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(Problems.of(HttpStatus.BAD_REQUEST, detail));
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    log.error("Unexpected error", e);
    return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "unexpected error");
  }
}
