package io.billhook.core.config;

import io.billhook.core.lifecycle.LifecycleActivitiesImpl;
import io.billhook.core.lifecycle.SettingsRolloutActivitiesImpl;
import io.billhook.workflows.TaskQueues;
import io.billhook.workflows.lifecycle.SettingsRolloutWorkflowImpl;
import io.billhook.workflows.lifecycle.SubscriptionLifecycleWorkflowImpl;
import io.billhook.workflows.lifecycle.TrialLifecycleWorkflowImpl;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;

/**
 * The worker of {@link TaskQueues#LIFECYCLE}: trials, subscriptions and settings rollouts with
 * slots of their own, so that a lifecycle report the API waits on (an update) and the work it sets
 * off never wait for a delivery's slot. It shares the factory's workflow cache and threads.
 */
final class LifecycleWorker {
  /** The lifecycle workflow types, served on both queues (see {@link TaskQueues#BILLHOOK}). */
  static final Class<?>[] WORKFLOWS = {
    TrialLifecycleWorkflowImpl.class,
    SubscriptionLifecycleWorkflowImpl.class,
    SettingsRolloutWorkflowImpl.class
  };

  private LifecycleWorker() {}

  static Worker register(
      WorkerFactory factory,
      IsolationProperties sizing,
      LifecycleActivitiesImpl lifecycle,
      SettingsRolloutActivitiesImpl settings) {
    // The SDK's default pollers will do. An entity publishes in its workflow task (a local
    // activity) and falls back to an activity: both count as lifecycle activities.
    WorkerOptions.Builder options = WorkerOptions.newBuilder();
    options.setMaxConcurrentWorkflowTaskExecutionSize(sizing.lifecycleWorkflowTasks());
    options.setMaxConcurrentActivityExecutionSize(sizing.lifecycleActivities());
    options.setMaxConcurrentLocalActivityExecutionSize(sizing.lifecycleActivities());
    Worker worker = factory.newWorker(TaskQueues.LIFECYCLE, options.build());
    worker.registerWorkflowImplementationTypes(WORKFLOWS);
    worker.registerActivitiesImplementations(lifecycle, settings);
    return worker;
  }
}
