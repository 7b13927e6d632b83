package io.billhook.workflows.histories;

import io.billhook.workflows.lifecycle.LifecycleSettings;
import io.billhook.workflows.lifecycle.SettingsRolloutActivities;
import io.billhook.workflows.lifecycle.SubscriptionLifecycleWorkflow;
import io.billhook.workflows.lifecycle.TrialLifecycleWorkflow;
import io.temporal.client.WorkflowClient;
import java.util.List;

/**
 * The settings rollout as the worker runs it, over a fixed list of running entities: signals the
 * new settings to each trial and subscription, so their histories show the settings arriving.
 */
final class SignallingSettingsRollout implements SettingsRolloutActivities {
  private final WorkflowClient client;
  private final List<String> trialIds;
  private final List<String> subscriptionIds;

  SignallingSettingsRollout(
      WorkflowClient client, List<String> trialIds, List<String> subscriptionIds) {
    this.client = client;
    this.trialIds = List.copyOf(trialIds);
    this.subscriptionIds = List.copyOf(subscriptionIds);
  }

  @Override
  public int signalAll(String vendorId, LifecycleSettings settings) {
    for (String trialId : trialIds) {
      client
          .newWorkflowStub(
              TrialLifecycleWorkflow.class, TrialLifecycleWorkflow.workflowId(vendorId, trialId))
          .changeSettings(settings);
    }
    for (String subscriptionId : subscriptionIds) {
      client
          .newWorkflowStub(
              SubscriptionLifecycleWorkflow.class,
              SubscriptionLifecycleWorkflow.workflowId(vendorId, subscriptionId))
          .changeSettings(settings);
    }
    return trialIds.size() + subscriptionIds.size();
  }
}
