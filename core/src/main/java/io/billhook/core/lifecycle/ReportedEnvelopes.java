package io.billhook.core.lifecycle;

import io.billhook.core.events.Envelope;
import io.billhook.workflows.lifecycle.ReportedEvent;

/**
 * The envelope of a reported lifecycle event that its workflow publishes: the body it carries (runs
 * recorded before carry one), else the report as claimed in PostgreSQL. Every report a workflow
 * applies was stored when it was claimed (only a refused one is removed, and it applies nothing);
 * lifecycle reports are not purged.
 */
final class ReportedEnvelopes {
  private ReportedEnvelopes() {}

  static Envelope of(ReportedEvent event, LifecycleReportStore reports) {
    if (event.body() != null) {
      return new Envelope(event.id(), event.type(), event.timestamp(), event.body());
    }
    return reports
        .find(event.vendorId(), event.id())
        .map(LifecycleReport::envelope)
        .orElseThrow(
            () ->
                // Retried, and shown on the pending activity: the record lacks what it must hold.
                new IllegalStateException(
                    "reported event " + event.id() + " is not stored; cannot publish it"));
  }
}
