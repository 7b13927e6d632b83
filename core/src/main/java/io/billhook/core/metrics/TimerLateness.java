package io.billhook.core.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How late lifecycle timers fire: when the event a timer generated is published, minus the instant
 * it was planned for. A busy or stopped worker shows here first.
 */
@Component
public class TimerLateness {
  private final Timer lateness;
  private final Clock clock;

  @Autowired
  public TimerLateness(ObjectProvider<MeterRegistry> registry) {
    this(MeterRegistries.of(registry), Clock.systemUTC());
  }

  TimerLateness(MeterRegistry registry, Clock clock) {
    this.clock = clock;
    this.lateness =
        MeterRegistries.histogram(
            registry,
            "billhook.lifecycle.timer.lateness",
            "Publication of a generated lifecycle event minus its planned time",
            Duration.ofDays(1));
  }

  /** A generated event planned for {@code plannedAt} is being published now. */
  public void published(Instant plannedAt) {
    Duration late = Duration.between(plannedAt, clock.instant());
    lateness.record(late.isNegative() ? Duration.ZERO : late);
  }
}
