package io.billhook.workflows.lifecycle;

import io.temporal.activity.ActivityInterface;

/**
 * The side effects of lifecycle workflows: publishing what they apply and what they produce,
 * converting a trial, and reading a first report back from PostgreSQL, the record.
 */
@ActivityInterface
public interface LifecycleActivities {
  /** Stores and fans out the event; repeating it with the same id changes nothing. */
  void emit(GeneratedEvent event);

  /** Stores and fans out a reported event; repeating it with the same id changes nothing. */
  void publish(ReportedEvent event);

  /** Converts the trial, if it is still running; repeating it changes nothing. */
  void convertTrial(String vendorId, String trialId, TrialConversion conversion);

  /** The stored {@code trial.started} of this trial, or null if none was accepted. */
  TrialStarted storedTrialStart(String vendorId, String trialId);

  /** The stored {@code subscription.created} of this subscription, or null if none was accepted. */
  SubscriptionReport storedSubscriptionCreation(String vendorId, String subscriptionId);
}
