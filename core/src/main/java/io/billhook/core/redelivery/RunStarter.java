package io.billhook.core.redelivery;

import io.billhook.core.events.EventPublisher;
import io.billhook.core.events.EventStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts the runs of events whose deliveries were made pending again, after the caller has been
 * answered, one at a time on one thread. An event whose previous run has not closed yet (it is
 * still recording how it ended) is tried again a few times over a minute; after that, or if this
 * process stops first, the delivery reconciler drives what is still pending: nothing depends on
 * this class for durability, only for speed.
 */
@Component
public class RunStarter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RunStarter.class);
  private static final List<Duration> WAITS =
      List.of(
          Duration.ZERO,
          Duration.ofSeconds(1),
          Duration.ofSeconds(2),
          Duration.ofSeconds(5),
          Duration.ofSeconds(15),
          Duration.ofSeconds(40));

  private final EventPublisher publisher;
  private final EventStore events;
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

  public RunStarter(EventPublisher publisher, EventStore events) {
    this.publisher = publisher;
    this.events = events;
  }

  /** Starts a run for each event's pending deliveries, soon, in the background. */
  public void start(String vendorId, List<String> eventIds) {
    eventIds.stream().distinct().forEach(eventId -> schedule(vendorId, eventId, 0));
  }

  private void schedule(String vendorId, String eventId, int attempt) {
    try {
      executor.schedule(
          () -> startRun(vendorId, eventId, attempt),
          WAITS.get(attempt).toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      log.debug("Stopping: the reconciler will start the run of {}", eventId);
    }
  }

  private void startRun(String vendorId, String eventId, int attempt) {
    try {
      if (publisher.resume(vendorId, eventId)
          || events.pendingTargets(vendorId, eventId).isEmpty()) {
        return;
      }
    } catch (RuntimeException e) {
      log.warn("Could not start the run of {} of vendor {}: {}", eventId, vendorId, e.toString());
    }
    if (attempt + 1 < WAITS.size()) {
      schedule(vendorId, eventId, attempt + 1);
    } else {
      log.info("The run of {} of vendor {} is left to the delivery reconciler", eventId, vendorId);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
