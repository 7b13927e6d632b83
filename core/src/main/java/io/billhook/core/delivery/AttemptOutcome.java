package io.billhook.core.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one HTTP attempt gave. {@code statusCode} is 0 when no response arrived; {@code retryAfter}
 * is the receiver's Retry-After, if any.
 */
public record AttemptOutcome(
    Instant at,
    String url,
    int statusCode,
    long durationMs,
    String responseExcerpt,
    String error,
    Optional<Duration> retryAfter) {

  /** The same outcome without the receiver's response excerpt. */
  public AttemptOutcome withoutExcerpt() {
    return new AttemptOutcome(at, url, statusCode, durationMs, null, error, retryAfter);
  }

  public boolean succeeded() {
    return statusCode >= 200 && statusCode < 300;
  }

  public boolean gone() {
    return statusCode == 410;
  }

  /** One line for failure messages: what happened, at which (redacted) URL. */
  public String describe() {
    String where = RedactedUrl.of(url);
    if (statusCode == 0) {
      return error + " (" + where + ")";
    }
    return "HTTP " + statusCode + " from " + where;
  }
}
