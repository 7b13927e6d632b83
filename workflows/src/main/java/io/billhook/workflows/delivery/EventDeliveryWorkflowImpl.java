package io.billhook.workflows.delivery;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

public class EventDeliveryWorkflowImpl implements EventDeliveryWorkflow {

  /** One attempt: the 15 s HTTP timeout plus room to read the endpoint and record the attempt. */
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);

  /** Failure types the activity raises that must not be retried. */
  public static final String ENDPOINT_GONE = "EndpointGone";

  private final DeliveryActivities bookkeeping =
      Workflow.newActivityStub(
          DeliveryActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(ATTEMPT_TIMEOUT)
              .setSummary("record delivery failure")
              .build());

  @Override
  public List<DeliveryResult> deliver(EventDeliveryInput input) {
    List<Promise<DeliveryResult>> pending = new ArrayList<>();
    for (DeliveryTarget target : input.targets()) {
      DeliveryActivities activities = deliveryStub(target, input.maxAttempts());
      pending.add(Async.function(activities::deliver, input.requestFor(target)));
    }
    List<DeliveryResult> results = new ArrayList<>();
    for (int i = 0; i < pending.size(); i++) {
      results.add(await(pending.get(i), input.requestFor(input.targets().get(i))));
    }
    failIfAnyFailed(input, results);
    return results;
  }

  private DeliveryResult await(Promise<DeliveryResult> promise, DeliveryRequest request) {
    try {
      return promise.get();
    } catch (ActivityFailure failure) {
      String reason = describe(failure);
      bookkeeping.markFailed(request, reason);
      return DeliveryResult.failed(request.endpointId(), reason);
    }
  }

  /** Retries follow the schedule the activity puts on each failure (its next-retry delay). */
  private static DeliveryActivities deliveryStub(DeliveryTarget target, int maxAttempts) {
    return Workflow.newActivityStub(
        DeliveryActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(ATTEMPT_TIMEOUT)
            .setSummary("POST " + target.url())
            .setRetryOptions(
                RetryOptions.newBuilder()
                    .setMaximumAttempts(maxAttempts)
                    .setInitialInterval(Duration.ofSeconds(5))
                    .setMaximumInterval(Duration.ofHours(24))
                    .setDoNotRetry(ENDPOINT_GONE)
                    .build())
            .build());
  }

  /** A run with a failed delivery fails too, so the Temporal UI's run list shows it and why. */
  private static void failIfAnyFailed(EventDeliveryInput input, List<DeliveryResult> results) {
    List<DeliveryResult> failed =
        results.stream().filter(r -> r.status() == DeliveryStatus.FAILED).toList();
    if (failed.isEmpty()) {
      return;
    }
    String reasons =
        failed.stream()
            .map(
                r ->
                    r.error().contains(r.endpointId())
                        ? r.error()
                        : r.endpointId() + ": " + r.error())
            .collect(Collectors.joining("; "));
    throw ApplicationFailure.newNonRetryableFailure(
        failed.size()
            + " of "
            + results.size()
            + " deliveries of "
            + input.eventId()
            + " failed: "
            + reasons,
        "DeliveryFailed");
  }

  private static String describe(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof ApplicationFailure app) {
      return app.getOriginalMessage();
    }
    return cause != null ? cause.getMessage() : failure.getMessage();
  }
}
