package io.billhook.core.lifecycle;

import io.billhook.workflows.lifecycle.LifecycleSettings;
import io.billhook.workflows.lifecycle.SettingsRolloutActivities;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowNotFoundException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** Signals new settings to each running lifecycle workflow of a vendor; ended ones are skipped. */
@Component
public class SettingsRolloutActivitiesImpl implements SettingsRolloutActivities {
  private final LifecycleRegistry registry;
  private final LifecycleWorkflows workflows;

  public SettingsRolloutActivitiesImpl(LifecycleRegistry registry, LifecycleWorkflows workflows) {
    this.registry = registry;
    this.workflows = workflows;
  }

  @Override
  public int signalAll(String vendorId, LifecycleSettings settings) {
    AtomicInteger signalled = new AtomicInteger();
    registry.forEach(
        vendorId,
        entity -> {
          try {
            if (LifecycleRegistry.TRIAL.equals(entity[0])) {
              workflows.trial(vendorId, entity[1]).changeSettings(settings);
            } else {
              workflows.subscription(vendorId, entity[1]).changeSettings(settings);
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
