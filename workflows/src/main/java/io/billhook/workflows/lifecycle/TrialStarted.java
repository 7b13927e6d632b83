package io.billhook.workflows.lifecycle;

import java.time.Instant;
import java.util.Map;

/** A reported {@code trial.started}, reduced to what the trial's clock needs. */
public record TrialStarted(
    String eventId,
    String customerId,
    Instant trialEnd,
    Map<String, String> details,
    ReportedEvent event) {

  public TrialStarted {
    details = ReportedDetails.of(details);
  }

  /** A start with nothing to publish (tests, and reports published elsewhere). */
  public TrialStarted(
      String eventId, String customerId, Instant trialEnd, Map<String, String> details) {
    this(eventId, customerId, trialEnd, details, null);
  }
}
