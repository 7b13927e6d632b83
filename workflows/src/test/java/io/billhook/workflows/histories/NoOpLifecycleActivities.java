package io.billhook.workflows.histories;

import io.billhook.workflows.lifecycle.GeneratedEvent;
import io.billhook.workflows.lifecycle.LifecycleActivities;
import io.billhook.workflows.lifecycle.ReportedEvent;
import io.billhook.workflows.lifecycle.SubscriptionReport;
import io.billhook.workflows.lifecycle.TrialConversion;
import io.billhook.workflows.lifecycle.TrialStarted;

/** Lifecycle side effects that succeed and do nothing: the workflow sees only that they ran. */
final class NoOpLifecycleActivities implements LifecycleActivities {
  @Override
  public void emit(GeneratedEvent event) {}

  @Override
  public void publish(ReportedEvent event) {}

  @Override
  public void convertTrial(String vendorId, String trialId, TrialConversion conversion) {}

  @Override
  public TrialStarted storedTrialStart(String vendorId, String trialId) {
    return null;
  }

  @Override
  public SubscriptionReport storedSubscriptionCreation(String vendorId, String subscriptionId) {
    return null;
  }
}
