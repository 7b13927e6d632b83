package io.billhook.core.config;

import io.billhook.core.delivery.AttemptGate;
import io.billhook.core.delivery.AttemptRecorder;
import io.billhook.core.delivery.DeliveryActivitiesImpl;
import io.billhook.core.delivery.DeliveryLog;
import io.billhook.core.delivery.HostSlots;
import io.billhook.core.delivery.WebhookHttpClient;
import io.billhook.core.delivery.WebhookSender;
import io.billhook.core.endpoints.EndpointStore;
import io.billhook.core.endpoints.UrlPolicy;
import io.billhook.core.events.StoredBodies;
import io.billhook.core.metrics.DeliveryMetrics;
import io.billhook.workflows.delivery.RetrySchedule;
import java.time.Clock;
import okhttp3.OkHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The HTTP side of delivery: the guarded client, the sender, the activities. */
@Configuration(proxyBeanMethods = false)
public class DeliveryConfiguration {
  /** Attempt records waiting for the database to come back, at most. */
  private static final int MAX_PENDING_RECORDS = 10_000;

  @Bean
  UrlPolicy urlPolicy(BillhookProperties billhook, TemporalProperties temporal) {
    boolean allowPrivate =
        billhook.allowPrivateNetworks() != null
            ? billhook.allowPrivateNetworks()
            : temporal.embedded();
    return new UrlPolicy(allowPrivate, billhook.allowedNetworks());
  }

  @Bean
  RetrySchedule retrySchedule(BillhookProperties billhook) {
    return billhook.schedule();
  }

  @Bean
  OkHttpClient webhookHttpClient(
      BillhookProperties billhook, WorkerProperties sizing, UrlPolicy policy) {
    return WebhookHttpClient.create(
        policy, billhook.deliveryTimeout(), sizing.httpMaxIdleConnections());
  }

  @Bean
  WebhookSender webhookSender(OkHttpClient webhookHttpClient, BillhookProperties billhook) {
    return new WebhookSender(webhookHttpClient, Clock.systemUTC(), billhook.version());
  }

  @Bean(destroyMethod = "close")
  AttemptRecorder attemptRecorder(DeliveryLog log, DeliveryMetrics metrics) {
    return new AttemptRecorder(log, MAX_PENDING_RECORDS, metrics);
  }

  @Bean
  DeliveryActivitiesImpl deliveryActivities(
      EndpointStore endpoints,
      AttemptRecorder recorder,
      WebhookSender sender,
      RetrySchedule schedule,
      StoredBodies bodies,
      IsolationProperties isolation) {
    return new DeliveryActivitiesImpl(
        endpoints,
        recorder,
        sender,
        schedule,
        bodies,
        new AttemptGate(new HostSlots(isolation.attemptsPerHost())));
  }
}
