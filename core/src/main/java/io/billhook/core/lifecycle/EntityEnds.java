package io.billhook.core.lifecycle;

import io.billhook.core.events.EventStore;
import io.billhook.workflows.events.EventType;
import io.billhook.workflows.lifecycle.GeneratedEventIds;
import org.springframework.stereotype.Component;

/**
 * Whether an entity's life is over by the record: its final timed event (trial.expired,
 * subscription.expired) is stored under its deterministic id, or a subscription converted the
 * trial. An ended entity whose workflow Temporal no longer retains needs no rebuilding.
 */
@Component
public class EntityEnds {
  private final EventStore events;
  private final LifecycleReportStore reports;

  public EntityEnds(EventStore events, LifecycleReportStore reports) {
    this.events = events;
    this.reports = reports;
  }

  boolean ended(String vendorId, String kind, String entityId) {
    boolean trial = LifecycleRegistry.TRIAL.equals(kind);
    String finalEvent =
        GeneratedEventIds.of(
            vendorId,
            kind + "/" + entityId,
            (trial ? EventType.Entity.TRIAL : EventType.Entity.SUBSCRIPTION).end().wireName());
    return events.find(vendorId, finalEvent).isPresent()
        || (trial && reports.conversion(vendorId, entityId).isPresent());
  }
}
