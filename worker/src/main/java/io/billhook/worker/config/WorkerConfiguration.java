package io.billhook.worker.config;

import io.billhook.worker.delivery.DeliveryActivitiesImpl;
import io.billhook.worker.lifecycle.LifecycleActivitiesImpl;
import io.billhook.worker.lifecycle.SettingsRolloutActivitiesImpl;
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
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Polls Billhook's task queue unless {@code billhook.workers-enabled=false} (API-only). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "billhook.workers-enabled",
    havingValue = "true",
    matchIfMissing = true)
public class WorkerConfiguration {

  @Bean
  WorkerFactory workerFactory(
      WorkflowClient client,
      DeliveryActivitiesImpl delivery,
      LifecycleActivitiesImpl lifecycle,
      SettingsRolloutActivitiesImpl settings,
      WorkerProperties sizing) {
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
    return factory;
  }

  @Bean
  SmartLifecycle workerLifecycle(WorkerFactory factory) {
    return new SmartLifecycle() {
      @Override
      public void start() {
        factory.start();
      }

      @Override
      public void stop() {
        factory.shutdown();
        factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
      }

      @Override
      public boolean isRunning() {
        return factory.isStarted() && !factory.isShutdown();
      }
    };
  }
}
