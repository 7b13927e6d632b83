package io.billhook.worker.config;

import io.billhook.workflows.delivery.RetrySchedule;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Billhook's settings ({@code billhook.*}, or {@code BILLHOOK_*} environment variables).
 *
 * @param allowPrivateNetworks null means "only in the embedded default" (no TEMPORAL_ADDRESS)
 */
@ConfigurationProperties(prefix = "billhook")
public record BillhookProperties(
    String version,
    String apiToken,
    String dataDir,
    Duration deliveryTimeout,
    String retrySchedule,
    List<String> allowedNetworks,
    Boolean allowPrivateNetworks,
    boolean workersEnabled) {

  public BillhookProperties {
    allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
  }

  public RetrySchedule schedule() {
    return RetrySchedule.parse(retrySchedule);
  }
}
