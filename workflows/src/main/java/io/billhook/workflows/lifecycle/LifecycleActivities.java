package io.billhook.workflows.lifecycle;

import io.temporal.activity.ActivityInterface;

/** The side effects of lifecycle workflows: publishing what they apply and what they produce. */
@ActivityInterface
public interface LifecycleActivities {
  /** Stores and fans out the event; repeating it with the same id changes nothing. */
  void emit(GeneratedEvent event);

  /** Stores and fans out a reported event; repeating it with the same id changes nothing. */
  void publish(ReportedEvent event);
}
