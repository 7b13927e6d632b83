package io.billhook.core.delivery;

import io.billhook.core.endpoints.Endpoint;
import io.billhook.core.endpoints.EndpointStore;
import io.billhook.core.events.StoredBodies;
import io.billhook.workflows.delivery.DeliveryActivities;
import io.billhook.workflows.delivery.DeliveryFailures;
import io.billhook.workflows.delivery.DeliveryRequest;
import io.billhook.workflows.delivery.DeliveryResult;
import io.billhook.workflows.delivery.DeliveryStatus;
import io.billhook.workflows.delivery.RetrySchedule;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery attempt: reads the endpoint fresh, signs and posts, records the attempt, and tells
 * Temporal when to try again (the schedule's next delay with jitter, or Retry-After if longer).
 * Every way an attempt can end, an unexpected exception included, ends as a result or as a failure
 * that carries the schedule's next delay, so no retry falls back to the SDK's backoff. Once the
 * POST is made nothing may fail the attempt: recording goes through {@link AttemptRecorder}.
 */
public class DeliveryActivitiesImpl implements DeliveryActivities {
  private static final Logger logger = LoggerFactory.getLogger(DeliveryActivitiesImpl.class);

  private final EndpointStore endpoints;
  private final AttemptRecorder recorder;
  private final WebhookSender sender;
  private final RetrySchedule schedule;
  private final StoredBodies bodies;
  private final AttemptGate gate;

  public DeliveryActivitiesImpl(
      EndpointStore endpoints,
      AttemptRecorder recorder,
      WebhookSender sender,
      RetrySchedule schedule,
      StoredBodies bodies) {
    this(
        endpoints,
        recorder,
        sender,
        schedule,
        bodies,
        new AttemptGate(new HostSlots(HostSlots.DEFAULT)));
  }

  public DeliveryActivitiesImpl(
      EndpointStore endpoints,
      AttemptRecorder recorder,
      WebhookSender sender,
      RetrySchedule schedule,
      StoredBodies bodies,
      AttemptGate gate) {
    this.bodies = bodies;
    this.endpoints = endpoints;
    this.recorder = recorder;
    this.sender = sender;
    this.schedule = schedule;
    this.gate = gate;
  }

  @Override
  public DeliveryResult deliver(DeliveryRequest request) {
    int attempt = DeliveryFailures.attemptToMake(request, System.currentTimeMillis());
    try {
      return attempt(request, attempt);
    } catch (ApplicationFailure decided) {
      throw decided;
    } catch (RuntimeException unexpected) {
      logger.warn(
          "Delivery attempt {} of {} to {} failed unexpectedly",
          attempt,
          request.eventId(),
          request.endpointId(),
          unexpected);
      throw retryOrGiveUp(
          request,
          attempt,
          "attempt failed before a response (" + unexpected.getClass().getSimpleName() + ")",
          Optional.empty());
    }
  }

  private DeliveryResult attempt(DeliveryRequest request, int attempt) {
    // The delivery's status, the endpoint and the envelope, in one round trip.
    EndpointStore.ForDelivery read =
        endpoints.findForDelivery(request.vendorId(), request.endpointId(), request.eventId());
    Optional<DeliveryStatus> recorded = read.deliveryStatus().map(DeliveryActivitiesImpl::status);
    if (recorded.isPresent() && recorded.get() != DeliveryStatus.PENDING) {
      // Settled already (a run driven again after Temporal lost its state): never send twice.
      return new DeliveryResult(
          request.endpointId(),
          recorded.get(),
          attempt - 1,
          0,
          "already " + recorded.get().wireName());
    }
    Optional<Endpoint> found = read.endpoint();
    if (found.isEmpty() || !found.get().enabled()) {
      String why = found.isEmpty() ? "endpoint was deleted" : "endpoint is disabled";
      recorder.finish(request, DeliveryStatus.FAILED);
      return new DeliveryResult(request.endpointId(), DeliveryStatus.FAILED, attempt - 1, 0, why);
    }
    Endpoint endpoint = found.get();
    Optional<String> body =
        bodies.of(request.vendorId(), request.eventId(), request.body(), read.storedBody());
    if (body.isEmpty()) {
      recorder.finish(request, DeliveryStatus.FAILED);
      throw StoredBodies.gone(request.eventId());
    }
    ActivityExecutionContext context = Activity.getExecutionContext();
    AttemptOutcome outcome;
    try (HostSlots.Slot slot = gate.admit(context, request, endpoint.url(), attempt)) {
      outcome =
          sender.send(
              endpoint,
              request.eventId(),
              request.eventType(),
              body.get(),
              AttemptGate.budget(context));
    }
    // From here on the receiver may have the webhook: nothing below may throw anything but the
    // decided outcome.
    if (outcome.succeeded()) {
      recorder.record(request, attempt, outcome, DeliveryStatus.SUCCEEDED, read.eventAcceptedAt());
      return new DeliveryResult(
          request.endpointId(), DeliveryStatus.SUCCEEDED, attempt, outcome.statusCode(), null);
    }
    String failure = outcome.describe() + " (" + request.endpointId() + ")";
    if (outcome.gone()) {
      recorder.record(request, attempt, outcome, DeliveryStatus.FAILED);
      disable(request, endpoint);
      throw DeliveryFailures.gone(
          DeliveryFailures.ofAttempt(failure, attempt, request.maxAttempts()));
    }
    if (outcome.permanent()) {
      recorder.record(request, attempt, outcome, DeliveryStatus.FAILED);
      throw DeliveryFailures.givingUp(
          DeliveryFailures.ofAttempt(failure, attempt, request.maxAttempts()));
    }
    boolean last = attempt >= request.maxAttempts();
    recorder.record(request, attempt, outcome, last ? DeliveryStatus.FAILED : null);
    throw retryOrGiveUp(request, attempt, failure, outcome.retryAfter());
  }

  private static DeliveryStatus status(String wireName) {
    return DeliveryStatus.valueOf(wireName.toUpperCase(Locale.ROOT));
  }

  private void disable(DeliveryRequest request, Endpoint endpoint) {
    try {
      endpoints.disable(request.vendorId(), endpoint.id(), "410 Gone", Instant.now());
    } catch (RuntimeException e) {
      logger.warn("Could not disable {} after its 410 Gone: {}", endpoint.id(), e.toString());
    }
  }

  /** The failure that ends an attempt: retry after the schedule's next delay, or give up. */
  private ApplicationFailure retryOrGiveUp(
      DeliveryRequest request, int attempt, String failure, Optional<Duration> retryAfter) {
    String message = DeliveryFailures.ofAttempt(failure, attempt, request.maxAttempts());
    if (attempt >= request.maxAttempts()) {
      recorder.finish(request, DeliveryStatus.FAILED);
      return DeliveryFailures.givingUp(message);
    }
    double jitter = ThreadLocalRandom.current().nextDouble(-1, 1);
    return DeliveryFailures.retryAfter(
        message, schedule.waitAfter(attempt, jitter, retryAfter), System.currentTimeMillis());
  }

  @Override
  public void markFailed(DeliveryRequest request, String reason) {
    recorder.finish(request, DeliveryStatus.FAILED);
  }
}
