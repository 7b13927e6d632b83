package io.billhook.core.lifecycle;

import io.billhook.workflows.lifecycle.LifecycleSettings;
import io.billhook.workflows.lifecycle.SettingsRolloutActivities;
import io.billhook.workflows.lifecycle.SubscriptionLifecycleWorkflow;
import io.billhook.workflows.lifecycle.TrialLifecycleWorkflow;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** Signals new settings to each running lifecycle workflow of a vendor; ended ones are skipped. */
@Component
public class SettingsRolloutActivitiesImpl implements SettingsRolloutActivities {
  private final LifecycleRegistry registry;
  private final WorkflowClient temporal;

  public SettingsRolloutActivitiesImpl(LifecycleRegistry registry, WorkflowClient temporal) {
    this.registry = registry;
    this.temporal = temporal;
  }

  @Override
  public int signalAll(String vendorId, LifecycleSettings settings) {
    AtomicInteger signalled = new AtomicInteger();
    registry.forEach(
        vendorId,
        entity -> {
          try {
            if (LifecycleRegistry.TRIAL.equals(entity[0])) {
              temporal
                  .newWorkflowStub(
                      TrialLifecycleWorkflow.class,
                      TrialLifecycleWorkflow.workflowId(vendorId, entity[1]))
                  .changeSettings(settings);
            } else {
              temporal
                  .newWorkflowStub(
                      SubscriptionLifecycleWorkflow.class,
                      SubscriptionLifecycleWorkflow.workflowId(vendorId, entity[1]))
                  .changeSettings(settings);
            }
            signalled.incrementAndGet();
          } catch (WorkflowNotFoundException ended) {
            // Expired or converted: nothing left to re-plan.
          }
          Activity.getExecutionContext().heartbeat(signalled.get());
        });
    return signalled.get();
  }
}
