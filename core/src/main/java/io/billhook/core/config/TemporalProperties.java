package io.billhook.core.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Temporal is: {@code TEMPORAL_ADDRESS} (host:port) and {@code TEMPORAL_NAMESPACE}. No
 * address means the Temporal dev server the embedded default supervises as a child process.
 */
@ConfigurationProperties(prefix = "temporal")
public record TemporalProperties(String address, String namespace) {

  public boolean embedded() {
    return address == null || address.isBlank();
  }
}
