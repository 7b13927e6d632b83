package io.billhook.core.lifecycle;

import io.billhook.core.refusals.Refusal;
import io.billhook.workflows.TaskQueues;
import io.billhook.workflows.lifecycle.LifecycleSettings;
import io.billhook.workflows.lifecycle.SettingsRolloutWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** A vendor's lifecycle settings: read, and changed with every running entity re-planned. */
@Service
public class SettingsChanges {
  private final VendorSettingsStore settings;
  private final WorkflowClient temporal;

  SettingsChanges(VendorSettingsStore settings, WorkflowClient temporal) {
    this.settings = settings;
    this.temporal = temporal;
  }

  public LifecycleSettings current(String vendorId) {
    return settings.get(vendorId);
  }

  /**
   * Stores the settings (a field left null keeps its value), then starts the rollout that re-plans
   * the timers of every running trial and subscription.
   */
  public LifecycleSettings change(String vendorId, String trialExpiringLead, String renewalGrace) {
    LifecycleSettings current = settings.get(vendorId);
    LifecycleSettings requested =
        new LifecycleSettings(
            SettingsRules.duration(
                "trialExpiringLead", trialExpiringLead, current.trialExpiringLead()),
            SettingsRules.duration("renewalGrace", renewalGrace, current.renewalGrace()));
    LifecycleSettings updated = settings.put(vendorId, requested);
    try {
      WorkflowClient.start(
          temporal.newWorkflowStub(
                  SettingsRolloutWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId("settings/" + vendorId + "/" + UUID.randomUUID())
                      .setTaskQueue(TaskQueues.LIFECYCLE)
                      .setStaticSummary("roll out " + vendorId + "'s lifecycle settings")
                      .build())
              ::rollOut,
          vendorId,
          updated,
          null);
    } catch (WorkflowServiceException e) {
      throw Refusal.temporalUnavailable(e);
    }
    return updated;
  }
}
