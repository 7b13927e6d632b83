package io.billhook.workflows.delivery;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;

/**
 * Attempts put off without being made, because the worker already has as many attempts in flight to
 * the receiver's host as it allows. A deferral is not an attempt: it does not count against the
 * delivery's attempt budget. Temporal counts it all the same (each is one of the activity's
 * attempts), so the activity keeps the number of deferrals so far in its heartbeat details, which
 * Temporal hands to the next attempt, and subtracts it from Temporal's attempt number.
 *
 * <p>A run may defer only when its activity's retry policy has room for it: runs that started
 * before deferrals existed allow exactly the delivery's attempts and never defer (their attempts go
 * ahead over the limit), and no delivery defers more than {@link #MAX} times in all, so deferrals
 * can neither make a delivery give up early nor go on for ever.
 */
public final class Deferrals {

  /** The failure type of a deferral. */
  public static final String DEFERRED = "DeliveryDeferred";

  /**
   * Deferrals a delivery may take in all; its retry policy allows this many Temporal attempts more.
   */
  public static final int MAX = 200;

  /** The longest wait after a deferral. */
  static final Duration MAX_WAIT = Duration.ofSeconds(30);

  private Deferrals() {}

  /**
   * The deferrals this delivery has taken so far, carried on to this attempt's heartbeat details so
   * that the next attempt reads them too (a local activity has none).
   */
  static int carried(ActivityExecutionContext context, DeliveryRequest request) {
    ActivityInfo info = context.getInfo();
    if (info.isLocal()) {
      return 0;
    }
    int count = context.getHeartbeatDetails(Integer.class).orElse(0);
    if (info.getAttempt() == 1
        && request.firstAttempt() != null
        && request.firstAttempt().deferred()) {
      count = 1;
    }
    if (count > 0) {
      context.heartbeat(count);
    }
    return count;
  }

  /**
   * Whether attempt {@code attempt} (of the delivery) may be put off: always as a first attempt (a
   * local activity, whose run continues it as an activity with room for deferrals), and as an
   * activity while its retry policy has room for one more Temporal attempt than the delivery has
   * attempts left, and fewer than {@link #MAX} were taken.
   */
  public static boolean allowed(
      ActivityExecutionContext context, DeliveryRequest request, int attempt, int deferred) {
    ActivityInfo info = context.getInfo();
    if (info.isLocal()) {
      return true;
    }
    if (deferred >= MAX) {
      return false;
    }
    RetryOptions retry = info.getRetryOptions();
    int maxTemporalAttempts = retry == null ? 0 : retry.getMaximumAttempts();
    if (maxTemporalAttempts <= 0) {
      return true;
    }
    int temporalAttemptsLeft = maxTemporalAttempts - info.getAttempt();
    int attemptsLeft = request.maxAttempts() - attempt;
    return temporalAttemptsLeft > attemptsLeft;
  }

  /**
   * The failure that puts the attempt off for {@code wait} from {@code nowMillis} (the worker's
   * clock), with the deferral counted in the heartbeat details the next attempt reads.
   */
  public static ApplicationFailure defer(
      ActivityExecutionContext context,
      String message,
      int deferred,
      Duration wait,
      long nowMillis) {
    if (!context.getInfo().isLocal()) {
      context.heartbeat(deferred + 1);
    }
    return failure(message, wait, nowMillis);
  }

  /**
   * A deferral as Temporal sees it: retryable after {@code wait}, and benign, so that the SDK logs
   * it at debug level instead of a warning with a stack trace for each one.
   */
  static ApplicationFailure failure(String message, Duration wait, Object... details) {
    return ApplicationFailure.newBuilder()
        .setMessage(message)
        .setType(DEFERRED)
        .setNextRetryDelay(wait)
        .setDetails(details)
        .setCategory(ApplicationErrorCategory.BENIGN)
        .build();
  }

  /**
   * The wait after the {@code deferred}-th deferral (0-based): five seconds (the schedule's first
   * delay; a busy host's slots free up no faster than its attempts end), doubling, up to {@link
   * #MAX_WAIT}, varied by {@code spread} (from 0.5 to 1.5) so that deferred attempts spread out.
   */
  public static Duration waitAfter(int deferred, double spread) {
    long base = Math.min(MAX_WAIT.toMillis(), 5000L << Math.min(deferred, 3));
    return Duration.ofMillis(Math.max(100, (long) (base * spread)));
  }
}
