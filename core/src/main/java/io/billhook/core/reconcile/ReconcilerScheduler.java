package io.billhook.core.reconcile;

import io.billhook.core.retention.RetentionPurge;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs every {@link Reconciler} once the workers are up, then every {@code
 * BILLHOOK_RECONCILE_INTERVAL} (default 5 min; zero runs them at start only), followed by the
 * retention purge. One at a time, on one thread; one that fails is logged and tried again next
 * round.
 */
@Component
@ConditionalOnProperty(
    name = "billhook.workers-enabled",
    havingValue = "true",
    matchIfMissing = true)
public class ReconcilerScheduler implements SmartLifecycle {
  /** Starts after the workers and stops before them (they stop at a lower phase). */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 3072;

  private static final Logger log = LoggerFactory.getLogger(ReconcilerScheduler.class);

  private final List<Reconciler> reconcilers;
  private final RetentionPurge retention;
  private final Duration interval;
  private ScheduledExecutorService executor;

  public ReconcilerScheduler(
      List<Reconciler> reconcilers,
      RetentionPurge retention,
      @Value("${billhook.reconcile-interval}") Duration interval) {
    this.reconcilers = List.copyOf(reconcilers);
    this.retention = retention;
    this.interval = interval;
  }

  /** Runs every reconciler once, then the retention purge, now, on the caller's thread. */
  public void runAll() {
    for (Reconciler reconciler : reconcilers) {
      long started = System.nanoTime();
      try {
        int repaired = reconciler.reconcile();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (repaired > 0) {
          log.warn("Reconciled {}: {} driven again ({} ms)", reconciler.name(), repaired, millis);
        } else {
          log.debug("Reconciled {}: nothing to repair ({} ms)", reconciler.name(), millis);
        }
      } catch (RuntimeException e) {
        log.error("Reconciling {} failed; trying again next round", reconciler.name(), e);
      }
    }
    retention.run();
  }

  @Override
  public synchronized void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "reconciler");
              thread.setDaemon(true);
              return thread;
            });
    if (interval.isZero() || interval.isNegative()) {
      executor.execute(this::runAll);
    } else {
      executor.scheduleWithFixedDelay(this::runAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      try {
        executor.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      executor = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
