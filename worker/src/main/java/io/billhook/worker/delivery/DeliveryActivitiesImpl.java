package io.billhook.worker.delivery;

import io.billhook.worker.endpoints.Endpoint;
import io.billhook.worker.endpoints.EndpointStore;
import io.billhook.workflows.delivery.DeliveryActivities;
import io.billhook.workflows.delivery.DeliveryRequest;
import io.billhook.workflows.delivery.DeliveryResult;
import io.billhook.workflows.delivery.DeliveryStatus;
import io.billhook.workflows.delivery.EventDeliveryWorkflowImpl;
import io.billhook.workflows.delivery.RetrySchedule;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One delivery attempt: reads the endpoint fresh, signs and posts, records the attempt, and tells
 * Temporal when to try again (the schedule's next delay with jitter, or Retry-After if longer).
 */
public class DeliveryActivitiesImpl implements DeliveryActivities {
  private static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);
  private static final double JITTER = 0.1;

  private final EndpointStore endpoints;
  private final DeliveryLog log;
  private final WebhookSender sender;
  private final RetrySchedule schedule;

  public DeliveryActivitiesImpl(
      EndpointStore endpoints, DeliveryLog log, WebhookSender sender, RetrySchedule schedule) {
    this.endpoints = endpoints;
    this.log = log;
    this.sender = sender;
    this.schedule = schedule;
  }

  @Override
  public DeliveryResult deliver(DeliveryRequest request) {
    int attempt = Activity.getExecutionContext().getInfo().getAttempt();
    if (attempt == 1 && request.firstAttempt() != null) {
      // The first attempt ran before this activity (locally) and failed: report it, so that
      // Temporal waits its delay and shows it as this activity's last failure.
      throw ApplicationFailure.newFailureWithCauseAndDelay(
          request.firstAttempt().message(),
          "DeliveryAttemptFailed",
          null,
          Duration.ofMillis(request.firstAttempt().retryInMillis()));
    }
    Optional<DeliveryStatus> recorded = log.status(request);
    if (recorded.isPresent() && recorded.get() != DeliveryStatus.PENDING) {
      // Settled already (a run driven again after Temporal lost its state): never send twice.
      return new DeliveryResult(
          request.endpointId(),
          recorded.get(),
          attempt - 1,
          0,
          "already " + recorded.get().wireName());
    }
    Optional<Endpoint> found = endpoints.find(request.vendorId(), request.endpointId());
    if (found.isEmpty() || !found.get().enabled()) {
      String why = found.isEmpty() ? "endpoint was deleted" : "endpoint is disabled";
      log.finish(request, DeliveryStatus.FAILED);
      return new DeliveryResult(request.endpointId(), DeliveryStatus.FAILED, attempt - 1, 0, why);
    }
    Endpoint endpoint = found.get();
    AttemptOutcome outcome =
        sender.send(endpoint, request.eventId(), request.eventType(), request.body());
    if (outcome.succeeded()) {
      log.recordLastAttempt(request, attempt, outcome, DeliveryStatus.SUCCEEDED);
      return new DeliveryResult(
          request.endpointId(), DeliveryStatus.SUCCEEDED, attempt, outcome.statusCode(), null);
    }
    String failure =
        outcome.describe()
            + " ("
            + request.endpointId()
            + "), attempt "
            + attempt
            + " of "
            + request.maxAttempts();
    if (outcome.gone()) {
      log.recordLastAttempt(request, attempt, outcome, DeliveryStatus.FAILED);
      endpoints.disable(request.vendorId(), endpoint.id(), "410 Gone", Instant.now());
      throw ApplicationFailure.newNonRetryableFailure(
          failure + ": endpoint disabled", EventDeliveryWorkflowImpl.ENDPOINT_GONE);
    }
    if (attempt >= request.maxAttempts()) {
      log.recordLastAttempt(request, attempt, outcome, DeliveryStatus.FAILED);
      throw ApplicationFailure.newNonRetryableFailure(failure + ": giving up", "DeliveryFailed");
    }
    log.recordAttempt(request, attempt, outcome);
    throw ApplicationFailure.newFailureWithCauseAndDelay(
        failure, "DeliveryAttemptFailed", null, nextDelay(attempt, outcome.retryAfter()));
  }

  @Override
  public void markFailed(DeliveryRequest request, String reason) {
    log.finish(request, DeliveryStatus.FAILED);
  }

  private Duration nextDelay(int attempt, Optional<Duration> retryAfter) {
    Duration scheduled =
        schedule.delayAfter(attempt).orElse(schedule.delays().get(schedule.delays().size() - 1));
    double factor = 1 + ThreadLocalRandom.current().nextDouble(-JITTER, JITTER);
    Duration jittered = Duration.ofMillis((long) (scheduled.toMillis() * factor));
    return retryAfter
        .map(ra -> ra.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : ra)
        .filter(ra -> ra.compareTo(jittered) > 0)
        .orElse(jittered);
  }
}
