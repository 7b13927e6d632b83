package io.billhook.workflows.lifecycle;

import java.time.Duration;

/**
 * A vendor's lifecycle timing: how long before a trial ends to warn, and the renewal grace. {@code
 * version} grows with every change, so a late-arriving older rollout never undoes a newer one.
 */
public record LifecycleSettings(Duration trialExpiringLead, Duration renewalGrace, long version) {
  public static final LifecycleSettings DEFAULT =
      new LifecycleSettings(Duration.ofHours(72), Duration.ofHours(24), 0);

  public LifecycleSettings(Duration trialExpiringLead, Duration renewalGrace) {
    this(trialExpiringLead, renewalGrace, 0);
  }

  /** Whether these settings may replace {@code current} (not older than it). */
  public boolean supersedes(LifecycleSettings current) {
    return version >= current.version;
  }
}
