package io.billhook.core.delivery;

import io.billhook.core.metrics.DeliveryMetrics;
import io.billhook.workflows.delivery.DeliveryRequest;
import io.billhook.workflows.delivery.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes attempts to the delivery log without ever failing the attempt: a delivered webhook must
 * not be sent again because its record could not be written. A write that fails is tried again at
 * once without the response excerpt, then in the background on its own schedule, apart from the
 * delivery; at most {@code maxPending} writes wait there (beyond that they are logged and dropped).
 */
public class AttemptRecorder implements AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(AttemptRecorder.class);
  private static final List<Duration> BACKOFF =
      List.of(
          Duration.ofSeconds(1),
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          Duration.ofMinutes(2),
          Duration.ofMinutes(10));

  private final DeliveryLog log;
  private final int maxPending;
  private final DeliveryMetrics metrics;
  private final AtomicInteger pending = new AtomicInteger();
  private final ScheduledExecutorService background =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "billhook-attempt-recorder");
            thread.setDaemon(true);
            return thread;
          });

  public AttemptRecorder(DeliveryLog log, int maxPending) {
    this(log, maxPending, DeliveryMetrics.none());
  }

  public AttemptRecorder(DeliveryLog log, int maxPending, DeliveryMetrics metrics) {
    this.log = log;
    this.maxPending = maxPending;
    this.metrics = metrics;
  }

  /**
   * Records an attempt; with a {@code status} also the delivery's final status. Never throws.
   *
   * @return true if it was written now, false if it was left to the background
   */
  public boolean record(
      DeliveryRequest request, int attempt, AttemptOutcome outcome, DeliveryStatus status) {
    return record(request, attempt, outcome, status, null);
  }

  /** As {@link #record}, knowing when the event was accepted (null: not known). */
  public boolean record(
      DeliveryRequest request,
      int attempt,
      AttemptOutcome outcome,
      DeliveryStatus status,
      Instant acceptedAt) {
    metrics.recorded(
        request.vendorId(),
        request.eventId(),
        outcome.statusCode(),
        outcome.at(),
        outcome.durationMs(),
        status == null ? null : status.wireName(),
        acceptedAt);
    Runnable write =
        () -> {
          if (status == null) {
            log.recordAttempt(request, attempt, outcome);
          } else {
            log.recordLastAttempt(request, attempt, outcome, status);
          }
        };
    Runnable bare =
        () -> {
          if (status == null) {
            log.recordAttempt(request, attempt, outcome.withoutExcerpt());
          } else {
            log.recordLastAttempt(request, attempt, outcome.withoutExcerpt(), status);
          }
        };
    String what = "attempt " + attempt + " of " + request.eventId() + " to " + request.endpointId();
    if (tryWrite(write, what) || tryWrite(bare, what)) {
      return true;
    }
    retryLater(bare, what, 0);
    return false;
  }

  /** Moves the delivery to a final status; like {@link #record}, never throws. */
  public void finish(DeliveryRequest request, DeliveryStatus status) {
    metrics.settled(status.wireName());
    Runnable write = () -> log.finish(request, status);
    String what = "status of " + request.eventId() + " to " + request.endpointId();
    if (!tryWrite(write, what)) {
      retryLater(write, what, 0);
    }
  }

  private static boolean tryWrite(Runnable write, String what) {
    try {
      write.run();
      return true;
    } catch (RuntimeException e) {
      logger.warn("Could not record {}: {}", what, e.toString());
      return false;
    }
  }

  private void retryLater(Runnable write, String what, int retry) {
    if (retry >= BACKOFF.size()) {
      logger.error("Gave up recording {} after {} retries", what, retry);
      return;
    }
    if (retry == 0 && pending.incrementAndGet() > maxPending) {
      pending.decrementAndGet();
      logger.error("Not recording {}: {} records already wait to be written", what, maxPending);
      return;
    }
    background.schedule(
        () -> {
          if (tryWrite(write, what)) {
            pending.decrementAndGet();
          } else if (retry + 1 >= BACKOFF.size()) {
            pending.decrementAndGet();
            logger.error("Gave up recording {} after {} retries", what, retry + 1);
          } else {
            retryLater(write, what, retry + 1);
          }
        },
        BACKOFF.get(retry).toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    background.shutdownNow();
  }
}
