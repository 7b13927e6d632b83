package io.billhook.workflows.lifecycle;

/**
 * Lifecycle side effects that succeed and do nothing: the workflow sees only that they ran.
 * Subclass it to record the one effect a test is about.
 */
public class NoOpLifecycleActivities implements LifecycleActivities {
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
