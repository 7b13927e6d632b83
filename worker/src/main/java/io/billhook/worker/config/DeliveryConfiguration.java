package io.billhook.worker.config;

import io.billhook.worker.delivery.DeliveryActivitiesImpl;
import io.billhook.worker.delivery.DeliveryLog;
import io.billhook.worker.delivery.WebhookSender;
import io.billhook.worker.endpoints.EndpointStore;
import io.billhook.worker.endpoints.GuardedDns;
import io.billhook.worker.endpoints.UrlPolicy;
import io.billhook.workflows.delivery.RetrySchedule;
import java.time.Clock;
import java.time.Duration;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The HTTP side of delivery: the guarded client, the sender, the activities. */
@Configuration(proxyBeanMethods = false)
public class DeliveryConfiguration {

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
  OkHttpClient webhookHttpClient(BillhookProperties billhook, UrlPolicy policy) {
    return new GuardedDns(policy)
        .install(new OkHttpClient.Builder())
        .callTimeout(billhook.deliveryTimeout())
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .connectionPool(new ConnectionPool(64, 5, java.util.concurrent.TimeUnit.MINUTES))
        .build();
  }

  @Bean
  WebhookSender webhookSender(OkHttpClient webhookHttpClient, BillhookProperties billhook) {
    return new WebhookSender(webhookHttpClient, Clock.systemUTC(), billhook.version());
  }

  @Bean
  DeliveryActivitiesImpl deliveryActivities(
      EndpointStore endpoints, DeliveryLog log, WebhookSender sender, RetrySchedule schedule) {
    return new DeliveryActivitiesImpl(endpoints, log, sender, schedule);
  }
}
