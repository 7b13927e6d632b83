package io.billhook.workflows.lifecycle;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** A reported {@code trial.started}, reduced to what the trial's clock needs. */
public record TrialStarted(
    String eventId,
    String customerId,
    Instant trialEnd,
    Map<String, String> details,
    ReportedEvent event) {

  public TrialStarted {
    // In key order (Map.copyOf alone has a per-JVM order), still refusing nulls.
    details =
        details == null
            ? Map.of()
            : Collections.unmodifiableMap(new TreeMap<>(Map.copyOf(details)));
  }

  /** A start with nothing to publish (tests, and reports published elsewhere). */
  public TrialStarted(
      String eventId, String customerId, Instant trialEnd, Map<String, String> details) {
    this(eventId, customerId, trialEnd, details, null);
  }
}
