package io.billhook.workflows.lifecycle;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Carries a vendor's new settings to every running trial and subscription, durably. */
@WorkflowInterface
public interface SettingsRolloutWorkflow {
  @WorkflowMethod
  void rollOut(String vendorId, LifecycleSettings settings);
}
