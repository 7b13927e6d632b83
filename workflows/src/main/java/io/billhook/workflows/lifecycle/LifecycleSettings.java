package io.billhook.workflows.lifecycle;

import io.temporal.workflow.Workflow;
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

  /**
   * Whether these settings are strictly newer than {@code current}: the same version arriving again
   * (a retried rollout) changes nothing.
   */
  public boolean supersedes(LifecycleSettings current) {
    return version > current.version;
  }

  /**
   * In an entity workflow, whether these arriving settings replace {@code current}. Runs that took
   * the same version again before this rule re-planned on it, so they keep doing so when replayed.
   */
  public boolean replaces(LifecycleSettings current) {
    if (version != current.version) {
      return supersedes(current);
    }
    return Workflow.getVersion("settings-strictly-newer", Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION;
  }
}
