package io.billhook.core.config;

import io.billhook.core.delivery.DeliveryActivitiesImpl;
import io.billhook.core.lifecycle.LifecycleActivitiesImpl;
import io.billhook.core.lifecycle.SettingsRolloutActivitiesImpl;
import io.billhook.workflows.TaskQueues;
import io.billhook.workflows.delivery.EventDeliveryWorkflowImpl;
import io.billhook.workflows.lifecycle.SettingsRolloutWorkflowImpl;
import io.billhook.workflows.lifecycle.SubscriptionLifecycleWorkflowImpl;
import io.billhook.workflows.lifecycle.TrialLifecycleWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Polls Billhook's task queues ({@link TaskQueues}) unless {@code billhook.workers-enabled=false}
 * (API-only).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "billhook.workers-enabled",
    havingValue = "true",
    matchIfMissing = true)
public class WorkerConfiguration {
  /**
   * Workers start before the web server takes requests and stop after it has drained them (its
   * graceful shutdown runs at a higher phase), and before the embedded Temporal stops.
   */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  /** Beyond one whole attempt, so that attempts under way at a SIGTERM finish and are recorded. */
  private static final Duration DRAIN_MARGIN = Duration.ofSeconds(15);

  @Bean
  WorkerFactory workerFactory(
      WorkflowClient client,
      DeliveryActivitiesImpl delivery,
      LifecycleActivitiesImpl lifecycle,
      SettingsRolloutActivitiesImpl settings,
      WorkerProperties sizing,
      IsolationProperties isolation) {
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkflowCacheSize(sizing.workflowCacheSize())
                .setMaxWorkflowThreadCount(sizing.maxWorkflowThreads())
                .build());
    Worker worker =
        factory.newWorker(
            TaskQueues.BILLHOOK,
            WorkerOptions.newBuilder()
                .setMaxConcurrentWorkflowTaskExecutionSize(sizing.maxConcurrentWorkflowTasks())
                .setMaxConcurrentActivityExecutionSize(sizing.maxConcurrentActivities())
                .setMaxConcurrentLocalActivityExecutionSize(sizing.maxConcurrentLocalActivities())
                .setMaxConcurrentWorkflowTaskPollers(sizing.workflowTaskPollers())
                .setMaxConcurrentActivityTaskPollers(sizing.activityTaskPollers())
                .build());
    worker.registerWorkflowImplementationTypes(
        EventDeliveryWorkflowImpl.class,
        TrialLifecycleWorkflowImpl.class,
        SubscriptionLifecycleWorkflowImpl.class,
        SettingsRolloutWorkflowImpl.class);
    worker.registerActivitiesImplementations(delivery, lifecycle, settings);
    LifecycleWorker.register(factory, isolation, lifecycle, settings);
    return factory;
  }

  @Bean
  SmartLifecycle workerLifecycle(WorkerFactory factory, BillhookProperties billhook) {
    Duration drain = billhook.deliveryTimeout().plus(DRAIN_MARGIN);
    return new SmartLifecycle() {
      @Override
      public void start() {
        factory.start();
      }

      @Override
      public void stop() {
        // Polls stop; tasks already taken (first attempts, retries) run to their end.
        factory.shutdown();
        factory.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS);
      }

      @Override
      public int getPhase() {
        return PHASE;
      }

      @Override
      public boolean isRunning() {
        return factory.isStarted() && !factory.isShutdown();
      }
    };
  }
}
