package io.billhook.workflows.lifecycle;

/** Where a trial is; NEW only until its {@code trial.started}. */
public enum TrialStatus {
  NEW,
  TRIALING,
  CONVERTED,
  EXPIRED;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
