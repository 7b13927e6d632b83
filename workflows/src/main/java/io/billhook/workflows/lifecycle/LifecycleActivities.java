package io.billhook.workflows.lifecycle;

import io.temporal.activity.ActivityInterface;

/** The one side effect of a lifecycle timer: publish the event it produces. */
@ActivityInterface
public interface LifecycleActivities {
  /** Stores and fans out the event; repeating it with the same id changes nothing. */
  void emit(GeneratedEvent event);
}
