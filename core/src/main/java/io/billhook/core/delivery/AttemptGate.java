package io.billhook.core.delivery;

import io.billhook.workflows.delivery.Deferrals;
import io.billhook.workflows.delivery.DeliveryRequest;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an attempt must get past before it posts: a slot of its receiver's host ({@link HostSlots}),
 * and the time its activity has left. An attempt that finds its host's slots taken is put off at
 * once ({@link Deferrals}) instead of waiting for one, unless its run cannot take another deferral;
 * then it goes ahead over the limit, so that no delivery gives up early for the limit's sake.
 */
public final class AttemptGate {
  private static final Logger logger = LoggerFactory.getLogger(AttemptGate.class);

  /** Room an attempt leaves within its activity's timeout to read the endpoint and record. */
  static final Duration RECORDING_MARGIN = Duration.ofSeconds(2);

  private static final HostSlots.Slot OVER_THE_LIMIT = () -> {};

  private final HostSlots slots;

  public AttemptGate(HostSlots slots) {
    this.slots = slots;
  }

  /**
   * A slot for attempt {@code attempt} of the delivery to {@code url}; throws the deferral when the
   * host's slots are taken and the run may defer.
   */
  public HostSlots.Slot admit(
      ActivityExecutionContext context, DeliveryRequest request, String url, int attempt) {
    Optional<HostSlots.Slot> slot = slots.tryTake(url);
    if (slot.isPresent()) {
      return slot.get();
    }
    int deferred = context.getInfo().getAttempt() - attempt;
    if (Deferrals.allowed(context, request, attempt, deferred)) {
      Duration wait =
          Deferrals.waitAfter(deferred, ThreadLocalRandom.current().nextDouble(0.5, 1.5));
      throw Deferrals.defer(
          context,
          "put off, not counted as an attempt: "
              + slots.perHost()
              + " attempts to the receiver's host are in flight ("
              + request.endpointId()
              + ")",
          deferred,
          wait,
          System.currentTimeMillis());
    }
    logger.info(
        "Attempt {} of {} to {} goes ahead over the limit of {} per host: it can be put off no more",
        attempt,
        request.eventId(),
        request.endpointId(),
        slots.perHost());
    return OVER_THE_LIMIT;
  }

  /** The longest an attempt may take so that its activity can still record it. */
  public static Duration budget(ActivityExecutionContext context) {
    Duration timeout = context.getInfo().getStartToCloseTimeout();
    if (timeout == null || timeout.isZero()) {
      return Duration.ofDays(1);
    }
    Duration left = timeout.minus(RECORDING_MARGIN);
    return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
  }
}
