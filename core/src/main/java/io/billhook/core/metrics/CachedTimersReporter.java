package io.billhook.core.metrics;

import com.uber.m3.util.Duration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The SDK's reporter to Micrometer, with each timer looked up once: the SDK reports every timing (a
 * request's latency, a task's schedule-to-start) as it happens, and the reporter it ships builds
 * and registers the timer again for each one. The same meters, names, tags and histograms.
 */
final class CachedTimersReporter extends MicrometerClientStatsReporter {
  private record TimerId(String name, Map<String, String> tags) {}

  private final MeterRegistry registry;
  private final Map<TimerId, Timer> timers = new ConcurrentHashMap<>();

  CachedTimersReporter(MeterRegistry registry) {
    super(registry);
    this.registry = registry;
  }

  @Override
  public void reportTimer(String name, Map<String, String> tags, Duration interval) {
    timers
        .computeIfAbsent(new TimerId(name, tags), this::register)
        .record(interval.getNanos(), TimeUnit.NANOSECONDS);
  }

  private Timer register(TimerId id) {
    List<Tag> tags =
        id.tags() == null
            ? List.of()
            : id.tags().entrySet().stream().map(e -> Tag.of(e.getKey(), e.getValue())).toList();
    return Timer.builder(id.name()).tags(tags).publishPercentileHistogram(true).register(registry);
  }
}
