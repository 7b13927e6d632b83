package io.billhook.workflows.lifecycle;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface SettingsRolloutActivities {
  /**
   * Signals the settings to each of the vendor's running lifecycle workflows; returns how many.
   * Rollouts started before paging call this; newer ones call {@link #signalPage}.
   */
  int signalAll(String vendorId, LifecycleSettings settings);

  /** Signals the settings to the next page of the vendor's running entities after {@code after}. */
  RolloutPage signalPage(String vendorId, LifecycleSettings settings, RolloutCursor after);
}
