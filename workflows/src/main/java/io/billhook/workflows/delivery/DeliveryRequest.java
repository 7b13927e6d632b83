package io.billhook.workflows.delivery;

import java.time.Duration;

/**
 * What one delivery activity needs; the endpoint itself is read fresh at every attempt, and so is
 * the envelope when {@code body} is null (always, but in runs recorded before, which carry it).
 *
 * @param firstAttempt set when the first attempt already ran (as a local activity) and failed: the
 *     activity's own first attempt then only reports that failure, so that Temporal retries on the
 *     schedule and the UI shows the failure on the pending activity
 * @param series the sending of the delivery this run makes: every status it records is for that
 *     sending only, so a run that ends after the delivery was sent again leaves the new sending
 *     alone; 0 (runs recorded before) for whatever sending is current
 */
public record DeliveryRequest(
    String vendorId,
    String eventId,
    String eventType,
    String endpointId,
    String body,
    int maxAttempts,
    FailedAttempt firstAttempt,
    int series) {

  /** The same delivery, continued by an activity after its first attempt failed this way. */
  public DeliveryRequest continuedAfter(FailedAttempt failed) {
    return new DeliveryRequest(
        vendorId, eventId, eventType, endpointId, body, maxAttempts, failed, series);
  }

  /**
   * A failed attempt: what went wrong, how long to wait before the next one, and when it failed
   * (epoch milliseconds on the worker's clock; 0 if unknown), so that the wait counts from then and
   * not from whenever the continuing activity is picked up; {@code deferred} when it was put off
   * without being made ({@link Deferrals}), so that it does not count as an attempt.
   */
  public record FailedAttempt(
      String message, long retryInMillis, long failedAtMillis, boolean deferred) {
    private static final long MIN_WAIT_MILLIS = 100;

    /**
     * The wait left at {@code nowMillis}, counted from when the attempt failed: the continuing
     * activity may be picked up late (a busy worker, a cold start), and that must not add to the
     * schedule's delay.
     */
    public Duration remainingAt(long nowMillis) {
      long remaining =
          failedAtMillis <= 0
              ? retryInMillis
              : retryInMillis - Math.max(0, nowMillis - failedAtMillis);
      return Duration.ofMillis(Math.max(MIN_WAIT_MILLIS, remaining));
    }
  }
}
