package io.billhook.workflows.lifecycle;

import java.time.Duration;

/** A vendor's lifecycle timing: how long before a trial ends to warn, and the renewal grace. */
public record LifecycleSettings(Duration trialExpiringLead, Duration renewalGrace) {
  public static final LifecycleSettings DEFAULT =
      new LifecycleSettings(Duration.ofHours(72), Duration.ofHours(24));
}
