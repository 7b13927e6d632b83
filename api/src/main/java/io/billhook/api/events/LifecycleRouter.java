package io.billhook.api.events;

import io.billhook.worker.events.Envelope;
import org.springframework.stereotype.Component;

/** Lifecycle events also drive their trial's or subscription's workflow (issue 3). */
@Component
class LifecycleRouter {
  void apply(String vendorId, Envelope envelope, ReportedEvent report) {}
}
