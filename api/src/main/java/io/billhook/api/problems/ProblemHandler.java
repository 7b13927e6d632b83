package io.billhook.api.problems;

import io.billhook.worker.endpoints.RefusedUrlException;
import io.billhook.worker.events.JsJson;
import io.billhook.worker.lifecycle.LifecycleConflictException;
import io.billhook.worker.lifecycle.LifecycleLostException;
import io.billhook.worker.lifecycle.LifecycleNotFoundException;
import io.temporal.client.WorkflowServiceException;
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

  @ExceptionHandler(ApiException.class)
  ProblemDetail refused(ApiException e) {
    return Problems.of(e.status(), e.getMessage());
  }

  @ExceptionHandler({JsJson.RefusedJsonException.class, RefusedUrlException.class})
  ProblemDetail invalid(IllegalArgumentException e) {
    return Problems.of(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(LifecycleConflictException.class)
  ProblemDetail contradicts(LifecycleConflictException e) {
    return Problems.of(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler(LifecycleNotFoundException.class)
  ProblemDetail unknownEntity(LifecycleNotFoundException e) {
    return Problems.of(HttpStatus.NOT_FOUND, e.getMessage());
  }

  /** Recorded in PostgreSQL, unknown to Temporal: being rebuilt (503), or lost for good (500). */
  @ExceptionHandler(LifecycleLostException.class)
  ProblemDetail lostEntity(LifecycleLostException e) {
    if (!e.rebuildable()) {
      log.error("Read of a lifecycle entity that cannot be rebuilt: {}", e.getMessage());
    }
    return Problems.of(
        e.rebuildable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR,
        e.getMessage());
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

  @ExceptionHandler(WorkflowServiceException.class)
  ProblemDetail temporalUnavailable(WorkflowServiceException e) {
    log.warn("Temporal call failed: {}", e.getMessage());
    return Problems.of(
        HttpStatus.SERVICE_UNAVAILABLE,
        "Temporal is unavailable, so this request was not completed; retry it (with the same"
            + " event id, nothing is delivered twice)");
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    log.error("Unexpected error", e);
    return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "unexpected error");
  }
}
