package io.billhook.workflows.delivery;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The side effects of delivering one event to one endpoint. */
@ActivityInterface
public interface DeliveryActivities {

  /**
   * Makes one signed attempt and records it. Returns on success, or when the endpoint is gone or
   * disabled (a failed result, not retried); throws a retryable failure carrying the next delay
   * from the retry schedule otherwise. Runs first as a local activity; when it continues a failed
   * first attempt ({@link DeliveryRequest#firstAttempt()}), its own attempt 1 only reports that
   * failure and its delay, so attempt numbers stay those of the delivery.
   */
  @ActivityMethod
  DeliveryResult deliver(DeliveryRequest request);

  /** Records a delivery as failed when its activity could not (it timed out or was abandoned). */
  @ActivityMethod
  void markFailed(DeliveryRequest request, String reason);
}
