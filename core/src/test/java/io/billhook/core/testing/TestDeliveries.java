package io.billhook.core.testing;

import io.billhook.core.delivery.AttemptRecorder;
import io.billhook.core.delivery.DeliveryActivitiesImpl;
import io.billhook.core.delivery.DeliveryLog;
import io.billhook.core.delivery.WebhookHttpClient;
import io.billhook.core.delivery.WebhookSender;
import io.billhook.core.endpoints.EndpointStore;
import io.billhook.core.endpoints.UrlPolicy;
import io.billhook.core.events.EventStore;
import io.billhook.core.events.StoredBodies;
import io.billhook.core.metrics.DeliveryMetrics;
import io.billhook.workflows.TaskQueues;
import io.billhook.workflows.delivery.EventDeliveryWorkflowImpl;
import io.billhook.workflows.delivery.RetrySchedule;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The delivery activities as the app builds them, over test stores, allowed to reach loopback. */
public final class TestDeliveries {
  private TestDeliveries() {}

  /** Activities whose attempts may take {@code timeout}, reading bodies from {@code events}. */
  public static DeliveryActivitiesImpl activities(
      EndpointStore endpoints,
      DeliveryLog log,
      EventStore events,
      RetrySchedule schedule,
      Duration timeout) {
    return activities(endpoints, log, events, schedule, timeout, DeliveryMetrics.none());
  }

  /** The same, recording their metrics in {@code metrics}. */
  public static DeliveryActivitiesImpl activities(
      EndpointStore endpoints,
      DeliveryLog log,
      EventStore events,
      RetrySchedule schedule,
      Duration timeout,
      DeliveryMetrics metrics) {
    WebhookSender sender =
        new WebhookSender(
            WebhookHttpClient.create(new UrlPolicy(true, List.of()), timeout, 4),
            Clock.systemUTC(),
            "test");
    return new DeliveryActivitiesImpl(
        endpoints,
        new AttemptRecorder(log, 100, metrics),
        sender,
        schedule,
        new StoredBodies(events));
  }

  /** Starts {@code env} with one worker running the delivery workflow and {@code activities}. */
  public static void start(TestWorkflowEnvironment env, DeliveryActivitiesImpl activities) {
    Worker worker = env.newWorker(TaskQueues.BILLHOOK);
    worker.registerWorkflowImplementationTypes(EventDeliveryWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();
  }
}
