package io.billhook.core.health;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs {@link AutoDisable} in every process with workers, once a minute (more often for a short
 * {@code BILLHOOK_DISABLE_AFTER}: a tenth of it, at least every second). Several processes may run
 * it at once: each endpoint is disabled, and announced, by one of them.
 */
@Component
@ConditionalOnProperty(
    name = "billhook.workers-enabled",
    havingValue = "true",
    matchIfMissing = true)
class AutoDisableScheduler implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(AutoDisableScheduler.class);
  private static final Duration LONGEST = Duration.ofMinutes(1);
  private static final Duration SHORTEST = Duration.ofSeconds(1);

  private final AutoDisable autoDisable;
  private ScheduledExecutorService executor;

  AutoDisableScheduler(AutoDisable autoDisable) {
    this.autoDisable = autoDisable;
  }

  static Duration interval(Duration after) {
    Duration tenth = after.dividedBy(10);
    return tenth.compareTo(LONGEST) > 0
        ? LONGEST
        : tenth.compareTo(SHORTEST) < 0 ? SHORTEST : tenth;
  }

  private void runOnce() {
    try {
      autoDisable.run();
    } catch (RuntimeException e) {
      log.error("Disabling failing endpoints failed; trying again next round", e);
    }
  }

  @Override
  public synchronized void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "auto-disable");
              thread.setDaemon(true);
              return thread;
            });
    long every = interval(autoDisable.after()).toMillis();
    executor.scheduleWithFixedDelay(this::runOnce, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
