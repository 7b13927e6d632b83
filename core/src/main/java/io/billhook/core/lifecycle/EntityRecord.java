package io.billhook.core.lifecycle;

import io.billhook.core.events.EventStore;
import io.billhook.workflows.events.EventType;
import io.billhook.workflows.lifecycle.GeneratedEventIds;
import org.springframework.stereotype.Component;

/**
 * What PostgreSQL, the record, says of a trial or subscription whatever Temporal keeps: whether it
 * is registered, whether the report that created it is stored (so it can be rebuilt), and whether
 * its life is over.
 */
@Component
public class EntityRecord {
  private final EventStore events;
  private final LifecycleReportStore reports;
  private final LifecycleRegistry registry;

  public EntityRecord(EventStore events, LifecycleReportStore reports, LifecycleRegistry registry) {
    this.events = events;
    this.reports = reports;
    this.registry = registry;
  }

  boolean registered(String vendorId, String kind, String entityId) {
    return registry.contains(vendorId, kind, entityId);
  }

  boolean creationStored(String vendorId, String kind, String entityId) {
    return reports.creation(vendorId, kind, entityId).isPresent();
  }

  /**
   * Whether its life is over: its final timed event (trial.expired, subscription.expired) is stored
   * under its deterministic id, or a subscription converted the trial. An ended entity whose
   * workflow Temporal no longer retains needs no rebuilding.
   */
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
