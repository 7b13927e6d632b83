package io.billhook.core.health;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a failing endpoint is disabled ({@code billhook.disable-after}, or {@code
 * BILLHOOK_DISABLE_AFTER}), checked when the settings are bound so that a bad value stops the start
 * naming the setting.
 */
@ConfigurationProperties(prefix = "billhook")
public record HealthProperties(@DefaultValue(DisableAfter.DEFAULT) String disableAfter) {
  public HealthProperties {
    DisableAfter.parse(disableAfter);
  }

  public DisableAfter period() {
    return DisableAfter.parse(disableAfter);
  }
}
