package io.billhook.core.config;

import io.billhook.workflows.delivery.RetrySchedule;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Billhook's settings ({@code billhook.*}, or {@code BILLHOOK_*} environment variables).
 *
 * @param allowPrivateNetworks null means "only in the embedded default" (no TEMPORAL_ADDRESS)
 * @param deliveryTimeout the budget of one attempt: connect, send, response headers and excerpt
 * @param dbPoolSize connections to PostgreSQL, at most
 * @param dbConnectionTimeout how long a caller waits for a free connection before failing
 * @param secretKeys the keys endpoint secrets are encrypted under, {@code id=base64} each, the one
 *     that encrypts first; empty: the embedded default keeps a generated one in its data dir
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
    boolean workersEnabled,
    int dbPoolSize,
    Duration dbConnectionTimeout,
    List<String> secretKeys) {

  /** The delivery activity's own timeout (30 s) must leave room to read the endpoint and record. */
  static final Duration MAX_DELIVERY_TIMEOUT = Duration.ofSeconds(25);

  public BillhookProperties {
    allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
    secretKeys = secretKeys == null ? List.of() : List.copyOf(secretKeys);
    if (deliveryTimeout == null
        || deliveryTimeout.compareTo(Duration.ofSeconds(1)) < 0
        || deliveryTimeout.compareTo(MAX_DELIVERY_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          "BILLHOOK_DELIVERY_TIMEOUT must be between PT1S and PT25S (got " + deliveryTimeout + ")");
    }
  }

  /** The settings without the API token and the secret keys, which must never reach a log. */
  @Override
  public String toString() {
    return "BillhookProperties[dataDir=%s, deliveryTimeout=%s, retrySchedule=%s, allowedNetworks=%s,"
            .formatted(dataDir, deliveryTimeout, retrySchedule, allowedNetworks)
        + " allowPrivateNetworks=%s, workersEnabled=%s, dbPoolSize=%d, apiToken=%s, secretKeys=%d]"
            .formatted(
                allowPrivateNetworks,
                workersEnabled,
                dbPoolSize,
                apiToken == null ? "unset" : "(set)",
                secretKeys.size());
  }

  /** The configured retry schedule, or {@link RetrySchedule#DEFAULT} when none is set. */
  public RetrySchedule schedule() {
    return retrySchedule == null ? RetrySchedule.DEFAULT : RetrySchedule.parse(retrySchedule);
  }
}
