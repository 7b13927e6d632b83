package io.billhook.workflows.delivery;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Delivers one event to every target in parallel. The first attempt runs as a local activity inside
 * the first workflow task, so an event whose endpoints answer at once costs Temporal one workflow
 * task and no activity task. A failed first attempt continues as an activity whose own first
 * attempt reports that failure, so Temporal retries on the schedule the attempts report (their
 * next-retry delay) and the UI shows the pending delivery, its attempt and its last failure.
 *
 * <p>Since {@value #ISOLATED_ATTEMPTS}, the first attempt has a few seconds only, so that a
 * receiver that hangs holds the workflow task briefly (a slow one gets its full timeout from the
 * second attempt on), and the activity's retry policy leaves room for attempts put off because
 * their receiver's host was busy ({@link Deferrals}), which do not count against the budget.
 */
public class EventDeliveryWorkflowImpl implements EventDeliveryWorkflow {

  /** One attempt: the 15 s HTTP timeout plus room to read the endpoint and record the attempt. */
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);

  /** The change id of the short first attempt and of deferrals; see the class comment. */
  static final String ISOLATED_ATTEMPTS = "isolated-attempts";

  /**
   * A first attempt under {@value #ISOLATED_ATTEMPTS}: the POST gets 4 s of it, the rest is room to
   * read the endpoint and record, well within the workflow task's 10 s.
   */
  private static final Duration FIRST_ATTEMPT_TIMEOUT = Duration.ofSeconds(6);

  /**
   * The wait after an attempt that failed without saying when to retry (a timeout, say): the
   * default schedule's first delay, as the run knows of the configured schedule only its attempt
   * budget.
   */
  private static final Duration FIRST_RETRY = RetrySchedule.DEFAULT.delayAfter(1).orElseThrow();

  private final DeliveryActivities bookkeeping =
      Workflow.newActivityStub(
          DeliveryActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(ATTEMPT_TIMEOUT)
              .setSummary("record delivery failure")
              .build());

  @Override
  public List<DeliveryResult> deliver(EventDeliveryInput input) {
    // No workflow thread per target: an activity stub's promise needs none, so a run holds one
    // thread whatever its fan-out.
    List<DeliveryTarget> targets = input.targets();
    List<DeliveryRequest> requests = targets.stream().map(input::requestFor).toList();
    boolean isolated =
        Workflow.getVersion(ISOLATED_ATTEMPTS, Workflow.DEFAULT_VERSION, 1)
            != Workflow.DEFAULT_VERSION;
    List<Promise<DeliveryResult>> firsts = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      firsts.add(Async.function(firstAttempt(targets.get(i), isolated)::deliver, requests.get(i)));
    }
    List<Promise<DeliveryResult>> outcomes = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      outcomes.add(retryIfFailed(targets.get(i), requests.get(i), firsts.get(i), isolated));
    }
    List<DeliveryResult> results = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      results.add(settle(outcomes.get(i), requests.get(i)));
    }
    failIfAnyFailed(input, results);
    return results;
  }

  /**
   * The first attempt's outcome, or the activity that retries it. Retries are scheduled once the
   * first attempts are back, which costs nothing: their commands leave with the first workflow
   * task, which completes when its local activities have.
   */
  private static Promise<DeliveryResult> retryIfFailed(
      DeliveryTarget target,
      DeliveryRequest request,
      Promise<DeliveryResult> first,
      boolean isolated) {
    if (!(first.getFailure() instanceof ActivityFailure failure)) {
      return first;
    }
    return retryable(failure)
        .map(
            failed ->
                Async.function(
                    retries(target, request.maxAttempts(), isolated)::deliver,
                    request.continuedAfter(failed)))
        .orElse(first);
  }

  private DeliveryResult settle(Promise<DeliveryResult> outcome, DeliveryRequest request) {
    try {
      return outcome.get();
    } catch (ActivityFailure failure) {
      String reason = describe(failure);
      bookkeeping.markFailed(request, reason);
      return DeliveryResult.failed(request.endpointId(), reason);
    }
  }

  /** A failed first attempt to retry, with its wait, or empty when it must not be retried. */
  private static Optional<DeliveryRequest.FailedAttempt> retryable(ActivityFailure failure) {
    Duration retryIn = FIRST_RETRY;
    long failedAt = 0;
    boolean deferred = false;
    if (failure.getCause() instanceof ApplicationFailure app) {
      deferred = Deferrals.DEFERRED.equals(app.getType());
      if (app.isNonRetryable()) {
        return Optional.empty();
      }
      if (app.getNextRetryDelay() != null) {
        retryIn = app.getNextRetryDelay();
      }
      failedAt = failedAt(app);
    }
    return Optional.of(
        new DeliveryRequest.FailedAttempt(
            describe(failure), retryIn.toMillis(), failedAt, deferred));
  }

  /** When the attempt failed, from the failure's details (the activity puts it there), or 0. */
  private static long failedAt(ApplicationFailure app) {
    try {
      Long at = app.getDetails().get(0, Long.class);
      return at == null ? 0 : at;
    } catch (RuntimeException absent) {
      return 0;
    }
  }

  private static DeliveryActivities firstAttempt(DeliveryTarget target, boolean isolated) {
    return Workflow.newLocalActivityStub(
        DeliveryActivities.class,
        LocalActivityOptions.newBuilder()
            .setStartToCloseTimeout(isolated ? FIRST_ATTEMPT_TIMEOUT : ATTEMPT_TIMEOUT)
            .setSummary("POST " + target.url())
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            // The request is in the workflow's input already; the marker need not carry it again.
            .setDoNotIncludeArgumentsIntoMarker(true)
            .build());
  }

  /**
   * Retries follow the schedule the activity puts on each failure (its next-retry delay); under
   * {@value #ISOLATED_ATTEMPTS} Temporal allows {@link Deferrals#MAX} attempts more, which only
   * deferrals may take.
   */
  private static DeliveryActivities retries(
      DeliveryTarget target, int maxAttempts, boolean isolated) {
    return Workflow.newActivityStub(
        DeliveryActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(ATTEMPT_TIMEOUT)
            .setSummary("POST " + target.url())
            .setRetryOptions(
                RetryOptions.newBuilder()
                    .setMaximumAttempts(isolated ? maxAttempts + Deferrals.MAX : maxAttempts)
                    .setInitialInterval(FIRST_RETRY)
                    .setMaximumInterval(RetrySchedule.MAX_DELAY)
                    .setDoNotRetry(DeliveryFailures.ENDPOINT_GONE)
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
        DeliveryFailures.GAVE_UP);
  }

  private static String describe(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof ApplicationFailure app) {
      return app.getOriginalMessage();
    }
    return cause != null ? cause.getMessage() : failure.getMessage();
  }
}
