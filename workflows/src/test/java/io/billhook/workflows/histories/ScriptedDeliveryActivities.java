package io.billhook.workflows.histories;

import io.billhook.workflows.delivery.DeliveryActivities;
import io.billhook.workflows.delivery.DeliveryRequest;
import io.billhook.workflows.delivery.DeliveryResult;
import io.billhook.workflows.delivery.DeliveryStatus;
import io.billhook.workflows.delivery.EventDeliveryWorkflowImpl;
import io.billhook.workflows.delivery.RetrySchedule;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivery activities that answer from a script instead of posting: each endpoint's receiver
 * answers its attempts with the given HTTP statuses in turn (the last one repeats). They fail the
 * way the real activities do (the schedule's delay, without jitter; 410 and the last attempt not
 * retryable; a first attempt continued by an activity reported again), so the workflow sees what it
 * sees in production.
 */
final class ScriptedDeliveryActivities implements DeliveryActivities {
  /** A status the script uses for an attempt that throws before any response (a timeout, say). */
  static final int NO_RESPONSE = 0;

  /** A status the script uses for an endpoint the vendor disabled between two attempts. */
  static final int DISABLED = -1;

  private final Map<String, List<Integer>> statuses;
  private final Map<String, Integer> sent = new ConcurrentHashMap<>();

  ScriptedDeliveryActivities(Map<String, List<Integer>> statusesByEndpoint) {
    this.statuses = Map.copyOf(statusesByEndpoint);
  }

  @Override
  public DeliveryResult deliver(DeliveryRequest request) {
    int attempt = Activity.getExecutionContext().getInfo().getAttempt();
    if (attempt == 1 && request.firstAttempt() != null) {
      throw ApplicationFailure.newFailureWithCauseAndDelay(
          request.firstAttempt().message(),
          "DeliveryAttemptFailed",
          null,
          java.time.Duration.ofMillis(request.firstAttempt().retryInMillis()));
    }
    List<Integer> script = statuses.get(request.endpointId());
    int status =
        script.get(Math.min(sent.merge(request.endpointId(), 1, Integer::sum), script.size()) - 1);
    String id = request.endpointId();
    if (status == DISABLED) {
      return new DeliveryResult(id, DeliveryStatus.FAILED, attempt - 1, 0, "endpoint is disabled");
    }
    if (status == NO_RESPONSE) {
      throw new IllegalStateException("timed out after 15 s (" + id + ")");
    }
    if (status >= 200 && status < 300) {
      return new DeliveryResult(id, DeliveryStatus.SUCCEEDED, attempt, status, null);
    }
    String failure =
        "HTTP "
            + status
            + " from receiver ("
            + id
            + "), attempt "
            + attempt
            + " of "
            + request.maxAttempts();
    if (status == 410) {
      throw ApplicationFailure.newNonRetryableFailure(
          failure + ": endpoint disabled", EventDeliveryWorkflowImpl.ENDPOINT_GONE);
    }
    if (attempt >= request.maxAttempts()) {
      throw ApplicationFailure.newNonRetryableFailure(failure + ": giving up", "DeliveryFailed");
    }
    throw ApplicationFailure.newFailureWithCauseAndDelay(
        failure,
        "DeliveryAttemptFailed",
        null,
        RetrySchedule.DEFAULT.delayAfter(attempt).orElseThrow());
  }

  @Override
  public void markFailed(DeliveryRequest request, String reason) {}
}
