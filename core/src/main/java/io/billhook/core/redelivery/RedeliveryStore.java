package io.billhook.core.redelivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts finished deliveries back to pending, each as a new attempt series, in one statement whose
 * condition (not pending) lets only one of two concurrent resends of a delivery through. Once this
 * returns, the deliveries are pending in PostgreSQL, which the reconciler drives even if no run is
 * started for them.
 */
@Component
public record RedeliveryStore(JdbcClient jdbc, TransactionTemplate tx) {
  private static final String SEND_AGAIN =
      "UPDATE deliveries d SET status = 'pending', series = d.series + 1, resent_at = ?,"
          + " updated_at = ?";

  /** An endpoint's failed deliveries since a time (vendor, endpoint, since follow). */
  private static final String FAILED_SINCE =
      " FROM deliveries d JOIN events e ON e.vendor_id = d.vendor_id AND e.id = d.event_id"
          + " WHERE d.vendor_id = ? AND d.endpoint_id = ? AND d.status = 'failed'"
          + " AND d.updated_at >= ?";

  /** The event has a delivery still pending (to any endpoint): its run is still open. */
  private static final String BEING_DELIVERED =
      "EXISTS (SELECT 1 FROM deliveries p WHERE p.vendor_id = d.vendor_id"
          + " AND p.event_id = d.event_id AND p.status = 'pending')";

  /**
   * Makes the event's finished deliveries to {@code endpointIds} pending again; returns the
   * endpoints whose delivery this call made pending (none that another call made pending first).
   */
  public List<String> resend(String vendorId, String eventId, List<String> endpointIds) {
    Timestamp now = Timestamp.from(Instant.now());
    return jdbc.sql(
            SEND_AGAIN
                + " WHERE d.vendor_id = ? AND d.event_id = ? AND d.endpoint_id = ANY(?::text[])"
                + " AND d.status <> 'pending' RETURNING d.endpoint_id")
        .params(now, now, vendorId, eventId, endpointIds.toArray(String[]::new))
        .query(String.class)
        .list();
  }

  /**
   * In one transaction, makes up to {@code limit} of the endpoint's deliveries that failed since
   * {@code since} pending again, oldest first: those whose event still has its data and no delivery
   * pending. Then counts what it left: purged, still being delivered, beyond the limit.
   */
  public Recovery recover(String vendorId, String endpointId, Instant since, int limit) {
    Timestamp now = Timestamp.from(Instant.now());
    Timestamp from = Timestamp.from(since);
    return tx.execute(
        status -> {
          List<String> eventIds =
              jdbc.sql(
                      "WITH picked AS (SELECT d.vendor_id, d.event_id, d.endpoint_id"
                          + FAILED_SINCE
                          + " AND e.purged_at IS NULL AND NOT "
                          + BEING_DELIVERED
                          + " ORDER BY d.updated_at, d.event_id LIMIT ? FOR UPDATE OF d SKIP"
                          + " LOCKED) "
                          + SEND_AGAIN
                          + " FROM picked p WHERE d.vendor_id = p.vendor_id"
                          + " AND d.event_id = p.event_id AND d.endpoint_id = p.endpoint_id"
                          + " AND d.status = 'failed' RETURNING d.event_id")
                  .params(vendorId, endpointId, from, limit, now, now)
                  .query(String.class)
                  .list();
          return jdbc.sql(
                  "SELECT count(*) FILTER (WHERE e.purged_at IS NOT NULL),"
                      + " count(*) FILTER (WHERE e.purged_at IS NULL AND "
                      + BEING_DELIVERED
                      + "), count(*) FILTER (WHERE e.purged_at IS NULL AND NOT "
                      + BEING_DELIVERED
                      + ")"
                      + FAILED_SINCE)
              .params(vendorId, endpointId, from)
              .query(
                  (rs, row) -> new Recovery(eventIds, rs.getInt(1), rs.getInt(2), rs.getInt(3) > 0))
              .single();
        });
  }

  /**
   * What a recovery did: the events whose delivery it made pending, and the failed deliveries it
   * left: of events whose data was purged, of events still being delivered, and whether more remain
   * beyond its limit.
   */
  public record Recovery(
      List<String> eventIds, int skippedPurged, int skippedPending, boolean more) {
    public Recovery {
      eventIds = List.copyOf(eventIds);
    }
  }
}
