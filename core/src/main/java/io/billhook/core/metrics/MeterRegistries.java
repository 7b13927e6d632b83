package io.billhook.core.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The application's registry (the Prometheus one when the API's actuator runs), or else
 * Micrometer's global registry, which records nothing until a registry is added to it (the worker
 * alone exports no metrics).
 */
final class MeterRegistries {
  private MeterRegistries() {}

  /** A timer with a histogram Prometheus can aggregate, from 10 ms up to {@code longest}. */
  static Timer histogram(
      MeterRegistry registry, String name, String description, Duration longest) {
    return Timer.builder(name)
        .description(description)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(10))
        .maximumExpectedValue(longest)
        .register(registry);
  }

  static MeterRegistry of(ObjectProvider<MeterRegistry> registry) {
    return registry.getIfAvailable(() -> Metrics.globalRegistry);
  }
}
