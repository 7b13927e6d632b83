package io.billhook.core.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one HTTP attempt gave. {@code statusCode} is 0 when no response arrived; {@code retryAfter}
 * is the receiver's Retry-After, if any; {@code permanent} marks a failure that trying again cannot
 * mend (a chat platform refusing the destination), which ends the delivery at once.
 */
public record AttemptOutcome(
    Instant at,
    String url,
    int statusCode,
    long durationMs,
    String responseExcerpt,
    String error,
    Optional<Duration> retryAfter,
    boolean permanent) {

  /** The same outcome without the receiver's response excerpt. */
  public AttemptOutcome withoutExcerpt() {
    return new AttemptOutcome(at, url, statusCode, durationMs, null, error, retryAfter, permanent);
  }

  /** The same response judged otherwise: a failure, with when (and whether) to try again. */
  public AttemptOutcome withRetry(String error, Optional<Duration> retryAfter, boolean permanent) {
    return new AttemptOutcome(
        at,
        url,
        statusCode,
        durationMs,
        responseExcerpt,
        ResponseExcerpt.clean(error),
        retryAfter,
        permanent);
  }

  public boolean succeeded() {
    return statusCode >= 200 && statusCode < 300 && error == null;
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
    boolean judged = permanent || (statusCode >= 200 && statusCode < 300);
    return (judged && error != null ? error : "HTTP " + statusCode) + " from " + where;
  }
}
