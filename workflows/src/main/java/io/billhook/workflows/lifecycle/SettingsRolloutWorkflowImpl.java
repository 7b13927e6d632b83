package io.billhook.workflows.lifecycle;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class SettingsRolloutWorkflowImpl implements SettingsRolloutWorkflow {
  private final SettingsRolloutActivities activities =
      Workflow.newActivityStub(
          SettingsRolloutActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(30))
              .setHeartbeatTimeout(Duration.ofMinutes(1))
              .setSummary("signal new settings to running trials and subscriptions")
              .build());

  @Override
  public void rollOut(String vendorId, LifecycleSettings settings) {
    activities.signalAll(vendorId, settings);
  }
}
