package io.billhook.core.reconcile;

import io.billhook.core.events.EventPublisher;
import io.billhook.core.events.EventStore;
import io.billhook.core.events.EventStore.EventKey;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Deliveries still pending in PostgreSQL whose event workflow Temporal does not run (it lost its
 * state, or the run closed early) are driven again: a new run for that event, to its pending
 * endpoints only. What already succeeded is never sent again (the activity also checks).
 */
@Component
public class DeliveryReconciler implements Reconciler {
  /** Newer events are still being accepted; their own publish starts their workflow. */
  static final Duration SETTLE = Duration.ofSeconds(30);

  private static final int PAGE = 500;

  private final EventStore events;
  private final EventPublisher publisher;

  public DeliveryReconciler(EventStore events, EventPublisher publisher) {
    this.events = events;
    this.publisher = publisher;
  }

  @Override
  public String name() {
    return "deliveries";
  }

  @Override
  public int reconcile() {
    Instant acceptedBefore = Instant.now().minus(SETTLE);
    return Reconciler.repairEach(
        PAGE,
        (EventKey after, Integer size) -> events.withPendingDeliveries(acceptedBefore, after, size),
        null,
        event -> publisher.resume(event.vendorId(), event.eventId()));
  }
}
