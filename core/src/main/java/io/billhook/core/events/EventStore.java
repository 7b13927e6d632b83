package io.billhook.core.events;

import com.fasterxml.jackson.databind.node.NullNode;
import io.billhook.core.secrets.SecretCipher;
import io.billhook.core.secrets.StoredData;
import io.billhook.workflows.delivery.DeliveryTarget;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** Accepted events and the deliveries they fanned out to, in PostgreSQL. */
@Repository
public class EventStore {
  /** An event's status, derived from its deliveries: any pending, else any failed, else done. */
  private static final String STATUS =
      "(SELECT CASE WHEN bool_or(d.status = 'pending') THEN 'pending'"
          + " WHEN bool_or(d.status = 'failed') THEN 'failed' ELSE 'succeeded' END"
          + " FROM deliveries d WHERE d.vendor_id = e.vendor_id AND d.event_id = e.id)";

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final StoredData data;

  public EventStore(JdbcClient jdbc, TransactionTemplate tx, StoredData data) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.data = data;
  }

  /** Where an event's envelope is bound: it decrypts only in this row. */
  private static String[] bodyOf(String vendorId, String eventId) {
    return new String[] {"events.body", vendorId, eventId};
  }

  /**
   * Stores the event and one pending delivery per target, atomically: one statement (its deliveries
   * are inserted from the event's row, so none are without it), one round trip. Returns false,
   * changing nothing, when the vendor already has an event with this id.
   */
  public boolean insert(String vendorId, Envelope envelope, List<DeliveryTarget> targets) {
    Timestamp now = Timestamp.from(Instant.now());
    List<Object> params =
        new ArrayList<>(
            List.of(
                vendorId,
                envelope.id(),
                envelope.type(),
                Timestamp.from(envelope.timestamp()),
                data.seal(envelope.body(), bodyOf(vendorId, envelope.id())),
                now));
    StringBuilder sql =
        new StringBuilder(
            "WITH e AS (INSERT INTO events (vendor_id, id, type, occurred_at, body, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING vendor_id, id)");
    if (!targets.isEmpty()) {
      sql.append(
              ", d AS (INSERT INTO deliveries (vendor_id, event_id, endpoint_id, url, status,"
                  + " updated_at) SELECT e.vendor_id, e.id, t.endpoint_id, t.url, 'pending', ?"
                  + " FROM e CROSS JOIN (VALUES ")
          .append(String.join(", ", Collections.nCopies(targets.size(), "(?, ?)")))
          .append(") AS t(endpoint_id, url))");
      params.add(now);
      for (DeliveryTarget target : targets) {
        params.addAll(List.of(target.endpointId(), target.url()));
      }
    }
    sql.append(" SELECT count(*) FROM e");
    return jdbc.sql(sql.toString()).params(params).query(Long.class).single() > 0;
  }

  public Optional<StoredEvent> find(String vendorId, String id) {
    return jdbc.sql(
            "SELECT e.vendor_id, e.seq, e.id, e.type, e.occurred_at, e.body, e.purged_at, "
                + STATUS
                + " AS status FROM events e WHERE e.vendor_id = ? AND e.id = ?")
        .params(vendorId, id)
        .query(this::map)
        .optional();
  }

  /**
   * The event's envelope as accepted; empty when it is not stored or its data was purged.
   *
   * @throws SecretCipher.Unreadable if the stored envelope cannot be decrypted
   */
  public Optional<String> body(String vendorId, String id) {
    return opened(
        vendorId,
        id,
        jdbc.sql("SELECT body FROM events WHERE vendor_id = ? AND id = ? AND purged_at IS NULL")
            .params(vendorId, id)
            .query(String.class)
            .optional()
            .orElse(null));
  }

  /**
   * As {@link #body}, from the column's value already read ({@code stored}: null when the event is
   * not stored or was purged).
   *
   * @throws SecretCipher.Unreadable if the stored envelope cannot be decrypted
   */
  public Optional<String> opened(String vendorId, String id, String stored) {
    return Optional.ofNullable(stored).map(value -> data.open(value, bodyOf(vendorId, id)));
  }

  /** Newest first; {@code type} and {@code status} filter when not null; seq cursor exclusive. */
  public List<StoredEvent> list(
      String vendorId, String type, String status, Long beforeSeq, int limit) {
    return jdbc.sql(
            "SELECT * FROM (SELECT e.vendor_id, e.seq, e.id, e.type, e.occurred_at, e.body, e.purged_at, "
                + STATUS
                + " AS status FROM events e WHERE e.vendor_id = ?"
                + " AND (?::text IS NULL OR e.type = ?::text)"
                + " AND (?::bigint IS NULL OR e.seq < ?::bigint)) x"
                + " WHERE (?::text IS NULL OR x.status = ?::text) ORDER BY x.seq DESC LIMIT ?")
        .params(vendorId, type, type, beforeSeq, beforeSeq, status, status, limit)
        .query(this::map)
        .list();
  }

  /** The event's deliveries, one per endpoint it was for, with their status. */
  public List<Delivery> deliveries(String vendorId, String eventId) {
    return deliveriesOf(vendorId, eventId, "status", "", EventStore::delivery);
  }

  /**
   * The targets of the event's deliveries that are still pending (neither done nor given up), each
   * with the sending it is pending in.
   */
  public List<DeliveryTarget> pendingTargets(String vendorId, String eventId) {
    return deliveriesOf(vendorId, eventId, "series", " AND status = 'pending'", EventStore::target);
  }

  private static Delivery delivery(ResultSet rs, int row) throws SQLException {
    return new Delivery(rs.getString(1), rs.getString(2), rs.getString(3));
  }

  private static DeliveryTarget target(ResultSet rs, int row) throws SQLException {
    return new DeliveryTarget(rs.getString(1), rs.getString(2), rs.getInt(3));
  }

  /** The event's deliveries meeting {@code condition}: endpoint, URL and {@code column}, mapped. */
  private <T> List<T> deliveriesOf(
      String vendorId, String eventId, String column, String condition, RowMapper<T> mapper) {
    return jdbc.sql(
            "SELECT endpoint_id, url, "
                + column
                + " FROM deliveries WHERE vendor_id = ? AND event_id = ?"
                + condition
                + " ORDER BY endpoint_id")
        .params(vendorId, eventId)
        .query(mapper)
        .list();
  }

  /** One delivery of an event: pending, succeeded or failed. */
  public record Delivery(String endpointId, String url, String status) {}

  /**
   * Events accepted before {@code acceptedBefore} with a delivery still pending, in key order,
   * after {@code after} (exclusive; null for the first page).
   */
  public List<EventKey> withPendingDeliveries(Instant acceptedBefore, EventKey after, int limit) {
    String afterVendor = after == null ? "" : after.vendorId();
    String afterEvent = after == null ? "" : after.eventId();
    return jdbc.sql(
            "SELECT DISTINCT d.vendor_id, d.event_id FROM deliveries d JOIN events e"
                + " ON e.vendor_id = d.vendor_id AND e.id = d.event_id"
                + " WHERE d.status = 'pending' AND e.created_at < ?"
                + " AND (d.vendor_id, d.event_id) > (?, ?)"
                + " ORDER BY d.vendor_id, d.event_id LIMIT ?")
        .params(Timestamp.from(acceptedBefore), afterVendor, afterEvent, limit)
        .query((rs, row) -> new EventKey(rs.getString(1), rs.getString(2)))
        .list();
  }

  /** One vendor's event id. */
  public record EventKey(String vendorId, String eventId) {}

  /** The stored event; refused as a conflict when its envelope cannot be decrypted. */
  private StoredEvent map(ResultSet rs, int row) throws SQLException {
    String id = rs.getString("id");
    String body =
        data.openOrRefuse(
            rs.getString("body"), "event " + id, bodyOf(rs.getString("vendor_id"), id));
    return new StoredEvent(
        rs.getLong("seq"),
        new Envelope(id, rs.getString("type"), rs.getTimestamp("occurred_at").toInstant(), body),
        rs.getString("status"),
        rs.getTimestamp("purged_at") != null);
  }

  /**
   * An accepted event with its position (the list cursor) and derived delivery status; once {@code
   * purged}, its envelope's data is null (the id, type and timestamp stay).
   */
  public record StoredEvent(long seq, Envelope envelope, String status, boolean purged) {
    public StoredEvent(long seq, Envelope envelope, String status) {
      this(seq, envelope, status, false);
    }
  }

  /**
   * Replaces the data of up to {@code limit} events accepted before {@code acceptedBefore} by null,
   * oldest first: events not purged yet with no delivery pending (one still being delivered keeps
   * its body, whatever its age). One short transaction, in which {@code alongside} also runs with
   * the events purged (if any); events another purge holds are skipped. Returns them.
   */
  public List<EventKey> purgeBodies(
      Instant acceptedBefore, int limit, Consumer<List<EventKey>> alongside) {
    return tx.execute(
        status -> {
          List<EventKey> purged = purgeBodies(acceptedBefore, limit);
          if (!purged.isEmpty()) {
            alongside.accept(purged);
          }
          return purged;
        });
  }

  private List<EventKey> purgeBodies(Instant acceptedBefore, int limit) {
    List<String[]> rows =
        jdbc.sql(
                "SELECT e.vendor_id, e.id, e.type, e.occurred_at FROM events e"
                    + " WHERE e.purged_at IS NULL AND e.created_at < ? AND NOT EXISTS"
                    + " (SELECT 1 FROM deliveries d WHERE d.vendor_id = e.vendor_id"
                    + " AND d.event_id = e.id AND d.status = 'pending')"
                    + " ORDER BY e.created_at LIMIT ? FOR UPDATE OF e SKIP LOCKED")
            .params(Timestamp.from(acceptedBefore), limit)
            .query(
                (rs, row) -> {
                  Instant occurred = rs.getTimestamp(4).toInstant();
                  Envelope purged =
                      Envelope.of(rs.getString(2), rs.getString(3), occurred, NullNode.instance);
                  return new String[] {rs.getString(1), rs.getString(2), purged.body()};
                })
            .list();
    if (!rows.isEmpty()) {
      jdbc.sql(
              "UPDATE events e SET body = p.body, purged_at = ?"
                  + " FROM unnest(?::text[], ?::text[], ?::text[]) AS p(vendor_id, id, body)"
                  + " WHERE e.vendor_id = p.vendor_id AND e.id = p.id")
          .params(Timestamp.from(Instant.now()), column(rows, 0), column(rows, 1), column(rows, 2))
          .update();
    }
    return rows.stream().map(r -> new EventKey(r[0], r[1])).toList();
  }

  private static String[] column(List<String[]> rows, int index) {
    return rows.stream().map(r -> r[index]).toArray(String[]::new);
  }
}
