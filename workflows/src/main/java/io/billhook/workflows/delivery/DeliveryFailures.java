package io.billhook.workflows.delivery;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;

/**
 * How a delivery attempt fails, as the activity raises it and the workflow reads it: retryable with
 * the wait before the next attempt, or not retryable when the endpoint is gone or the last attempt
 * failed. Messages read like {@code HTTP 503 from receiver (ep_1), attempt 2 of 11}.
 */
public final class DeliveryFailures {

  /** An attempt that failed and is retried after the failure's next-retry delay. */
  public static final String ATTEMPT_FAILED = "DeliveryAttemptFailed";

  /** The endpoint answered 410 Gone and was disabled: never retried. */
  public static final String ENDPOINT_GONE = "EndpointGone";

  /** A delivery (or a run with a failed delivery) that gave up. */
  public static final String GAVE_UP = "DeliveryFailed";

  private DeliveryFailures() {}

  /** The failure of attempt {@code attempt}, with the budget it counts against. */
  public static String ofAttempt(String failure, int attempt, int maxAttempts) {
    return failure + ", attempt " + attempt + " of " + maxAttempts;
  }

  /**
   * A failed attempt to retry after {@code wait}; its time of failure rides along as the failure's
   * detail, which the workflow hands on when a first attempt continues as an activity.
   */
  public static ApplicationFailure retryAfter(String message, Duration wait, long failedAtMillis) {
    return ApplicationFailure.newFailureWithCauseAndDelay(
        message, ATTEMPT_FAILED, null, wait, failedAtMillis);
  }

  /**
   * The attempt of the delivery that the running activity is to make. An activity that continues a
   * failed first attempt ({@link DeliveryRequest#firstAttempt()}) makes none on its own attempt 1:
   * that only reports the first attempt's failure, thrown here, so that the attempt numbers stay
   * those of the delivery. Attempts that were put off ({@link Deferrals}) are not counted.
   */
  public static int attemptToMake(DeliveryRequest request, long nowMillis) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    int deferred = Deferrals.carried(context, request);
    int attempt = context.getInfo().getAttempt();
    if (attempt == 1 && request.firstAttempt() != null) {
      throw firstAttemptFailed(request.firstAttempt(), nowMillis);
    }
    return attempt - deferred;
  }

  /**
   * The continuing activity's report of the failed first attempt, so that Temporal waits what is
   * left of its delay at {@code nowMillis} and shows it as the activity's last failure.
   */
  static ApplicationFailure firstAttemptFailed(
      DeliveryRequest.FailedAttempt failed, long nowMillis) {
    if (failed.deferred()) {
      return Deferrals.failure(failed.message(), failed.remainingAt(nowMillis));
    }
    return ApplicationFailure.newFailureWithCauseAndDelay(
        failed.message(), ATTEMPT_FAILED, null, failed.remainingAt(nowMillis));
  }

  /** The last attempt failed. */
  public static ApplicationFailure givingUp(String message) {
    return ApplicationFailure.newNonRetryableFailure(message + ": giving up", GAVE_UP);
  }

  /** The endpoint answered 410 Gone. */
  public static ApplicationFailure gone(String message) {
    return ApplicationFailure.newNonRetryableFailure(
        message + ": endpoint disabled", ENDPOINT_GONE);
  }
}
