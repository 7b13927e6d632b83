package io.billhook.workflows.lifecycle;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Carries a vendor's new settings to every running trial and subscription, durably. */
@WorkflowInterface
public interface SettingsRolloutWorkflow {
  /**
   * Rolls the settings out a page at a time from {@code from} ({@code null} for the start; a run
   * that continued as new passes where it stood).
   */
  @WorkflowMethod
  void rollOut(String vendorId, LifecycleSettings settings, RolloutCursor from);
}
