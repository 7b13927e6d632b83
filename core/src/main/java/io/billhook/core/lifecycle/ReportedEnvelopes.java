package io.billhook.core.lifecycle;

import io.billhook.core.events.Envelope;
import io.billhook.core.events.EventStore;
import io.billhook.core.events.EventStore.StoredEvent;
import io.billhook.workflows.lifecycle.ReportedEvent;

/**
 * The envelope of a reported lifecycle event that its workflow publishes: the body it carries (runs
 * recorded before carry one), else the report as claimed in PostgreSQL, else the event as already
 * published (publishing it again then changes nothing).
 */
final class ReportedEnvelopes {
  private ReportedEnvelopes() {}

  static Envelope of(ReportedEvent event, LifecycleReportStore reports, EventStore events) {
    if (event.body() != null) {
      return new Envelope(event.id(), event.type(), event.timestamp(), event.body());
    }
    return reports
        .find(event.vendorId(), event.id())
        .map(LifecycleReport::envelope)
        .or(() -> events.find(event.vendorId(), event.id()).map(StoredEvent::envelope))
        .orElseThrow(
            () ->
                // Retried: every applied report was stored when it was claimed.
                new IllegalStateException(
                    "reported event " + event.id() + " is not stored; cannot publish it yet"));
  }
}
