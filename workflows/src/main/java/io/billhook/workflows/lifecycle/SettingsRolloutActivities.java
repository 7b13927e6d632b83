package io.billhook.workflows.lifecycle;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface SettingsRolloutActivities {
  /** Signals the settings to each of the vendor's lifecycle workflows; returns how many. */
  int signalAll(String vendorId, LifecycleSettings settings);
}
