package io.billhook.core.retention;

import io.billhook.core.config.RetentionProperties;
import io.billhook.core.delivery.DeliveryLog;
import io.billhook.core.events.EventStore;
import io.billhook.core.events.EventStore.EventKey;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Purges customer data older than {@code BILLHOOK_RETENTION}: an event's data (replaced by null)
 * and its attempts' response excerpts. Its id, type, times and delivery outcomes stay. An event
 * with a delivery still pending keeps everything. Works in batches of {@link #BATCH} events, each
 * in its own short transaction, so a large backlog never holds locks for long.
 */
@Component
public record RetentionPurge(
    EventStore events, DeliveryLog deliveries, RetentionProperties settings) {
  static final int BATCH = 500;

  private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

  /** Purges what has aged out, logging how many events it purged; a failure is logged only. */
  public void run() {
    long started = System.nanoTime();
    RetentionPeriod retention = settings.period();
    try {
      int purged = purge(Instant.now().minus(retention.value()));
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      if (purged > 0) {
        log.info("Retention {}: purged the data of {} event(s) ({} ms)", retention, purged, millis);
      } else {
        log.debug("Retention {}: nothing to purge ({} ms)", retention, millis);
      }
    } catch (RuntimeException e) {
      log.error("Retention purge failed; trying again next round", e);
    }
  }

  /** Purges events accepted before {@code acceptedBefore}, batch by batch; returns how many. */
  int purge(Instant acceptedBefore) {
    int purged = 0;
    while (true) {
      int count = events.purgeBodies(acceptedBefore, BATCH, this::purgeExcerpts).size();
      purged += count;
      if (count < BATCH) {
        return purged;
      }
    }
  }

  private void purgeExcerpts(List<EventKey> purged) {
    deliveries.purgeExcerpts(
        purged.stream().map(EventKey::vendorId).toArray(String[]::new),
        purged.stream().map(EventKey::eventId).toArray(String[]::new));
  }
}
