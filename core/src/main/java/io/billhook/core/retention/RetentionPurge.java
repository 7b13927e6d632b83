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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Purges customer data older than {@code BILLHOOK_RETENTION}: an event's data (replaced by null)
 * and its attempts' response excerpts. Its id, type, times and delivery outcomes stay. An event
 * with a delivery still pending keeps everything. Works in batches of {@link #BATCH} events, each
 * in its own short transaction, so a large backlog never holds locks for long.
 */
@Component
public class RetentionPurge {
  static final int BATCH = 500;

  private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

  private final EventStore events;
  private final DeliveryLog deliveries;
  private final TransactionTemplate tx;
  private final RetentionPeriod retention;
  private final int batch;

  @Autowired
  public RetentionPurge(
      EventStore events,
      DeliveryLog deliveries,
      TransactionTemplate tx,
      RetentionProperties retention) {
    this(events, deliveries, tx, retention.period(), BATCH);
  }

  RetentionPurge(
      EventStore events,
      DeliveryLog deliveries,
      TransactionTemplate tx,
      RetentionPeriod retention,
      int batch) {
    this.events = events;
    this.deliveries = deliveries;
    this.tx = tx;
    this.retention = retention;
    this.batch = batch;
  }

  /** Purges what has aged out, logging how many events it purged; a failure is logged only. */
  public void run() {
    long started = System.nanoTime();
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
      Integer count = tx.execute(status -> purgeBatch(acceptedBefore));
      purged += count;
      if (count < batch) {
        return purged;
      }
    }
  }

  private int purgeBatch(Instant acceptedBefore) {
    List<EventKey> keys = events.purgeBodies(acceptedBefore, batch);
    if (!keys.isEmpty()) {
      deliveries.purgeExcerpts(
          keys.stream().map(EventKey::vendorId).toArray(String[]::new),
          keys.stream().map(EventKey::eventId).toArray(String[]::new));
    }
    return keys.size();
  }
}
