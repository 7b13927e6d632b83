package io.billhook.core.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The application's registry (the Prometheus one when the API's actuator runs), or else
 * Micrometer's global registry, which records nothing until a registry is added to it (the worker
 * alone exports no metrics).
 */
final class MeterRegistries {
  private MeterRegistries() {}

  static MeterRegistry of(ObjectProvider<MeterRegistry> registry) {
    return registry.getIfAvailable(() -> Metrics.globalRegistry);
  }
}
