package io.billhook.core.config;

import io.billhook.core.retention.RetentionPeriod;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long customer data is kept ({@code billhook.retention}, or {@code BILLHOOK_RETENTION}),
 * checked when the settings are bound so that a bad value stops the start naming the setting.
 */
@ConfigurationProperties(prefix = "billhook")
public record RetentionProperties(String retention) {
  public RetentionProperties {
    RetentionPeriod.parse(retention);
  }

  public RetentionPeriod period() {
    return RetentionPeriod.parse(retention);
  }
}
