package io.billhook.workflows.histories;

import io.billhook.workflows.lifecycle.GeneratedEvent;
import io.billhook.workflows.lifecycle.LifecycleActivities;
import io.billhook.workflows.lifecycle.ReportedEvent;

/** Lifecycle side effects that succeed and do nothing: the workflow sees only that they ran. */
final class NoOpLifecycleActivities implements LifecycleActivities {
  @Override
  public void emit(GeneratedEvent event) {}

  @Override
  public void publish(ReportedEvent event) {}
}
