package io.billhook.core.lifecycle;

import io.billhook.core.events.Envelope;
import io.billhook.core.secrets.StoredData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepted lifecycle reports in PostgreSQL, the record. Claiming a report decides, by unique
 * constraints, which of several concurrent reports wins: one per event id, one creation per entity,
 * one conversion per trial.
 */
@Repository
public class LifecycleReportStore {
  private static final String COLUMNS =
      "vendor_id, event_id, type, entity_id, trial_id, occurred_at, body, accepted_at";

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final LifecycleRegistry registry;
  private final StoredData data;

  public LifecycleReportStore(
      JdbcClient jdbc, TransactionTemplate tx, LifecycleRegistry registry, StoredData data) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.registry = registry;
    this.data = data;
  }

  /** Where a report's envelope is bound: it decrypts only in this row. */
  private static String[] bodyOf(String vendorId, String eventId) {
    return new String[] {"lifecycle_reports.body", vendorId, eventId};
  }

  /** The outcome of a claim. */
  sealed interface Claim {
    /** This report is the first with its event id: apply it. */
    record Won() implements Claim {}

    /** A report with this event id was accepted before. */
    record Repeat(LifecycleReport original) implements Claim {}

    /** An event that drives no entity already has this id. */
    record OtherEvent() implements Claim {}

    /** Another report already created this entity. */
    record Created(LifecycleReport creation) implements Claim {}

    /** Another subscription already converts this trial. */
    record Converted(LifecycleReport conversion) implements Claim {}

    /** The report in the way was just refused and removed: claim again. */
    record Retry() implements Claim {}
  }

  Claim claim(LifecycleReport r) {
    return tx.execute(status -> insert(r) ? new Claim.Won() : loser(r));
  }

  private boolean insert(LifecycleReport r) {
    Envelope e = r.envelope();
    int rows =
        jdbc.sql(
                "INSERT INTO lifecycle_reports (vendor_id, event_id, kind, entity_id, type, creates,"
                    + " trial_id, occurred_at, body, accepted_at)"
                    + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS"
                    + " (SELECT 1 FROM events WHERE vendor_id = ? AND id = ?)"
                    + " ON CONFLICT DO NOTHING")
            .params(
                r.vendorId(),
                e.id(),
                r.kind(),
                r.entityId(),
                e.type(),
                r.creates(),
                r.trialId(),
                Timestamp.from(e.timestamp()),
                data.seal(e.body(), bodyOf(r.vendorId(), e.id())),
                Timestamp.from(r.acceptedAt()),
                r.vendorId(),
                e.id())
            .update();
    if (rows == 1 && r.creates()) {
      registry.add(r.vendorId(), r.kind(), r.entityId());
    }
    return rows == 1;
  }

  private Claim loser(LifecycleReport r) {
    Optional<LifecycleReport> original = find(r.vendorId(), r.eventId());
    if (original.isPresent()) {
      return new Claim.Repeat(original.get());
    }
    if (jdbc.sql("SELECT count(*) FROM events WHERE vendor_id = ? AND id = ?")
            .params(r.vendorId(), r.eventId())
            .query(Long.class)
            .single()
        > 0) {
      return new Claim.OtherEvent();
    }
    if (r.creates()) {
      Optional<LifecycleReport> creation = creation(r.vendorId(), r.kind(), r.entityId());
      if (creation.isPresent()) {
        return new Claim.Created(creation.get());
      }
    }
    if (r.trialId() != null) {
      Optional<LifecycleReport> conversion = conversion(r.vendorId(), r.trialId());
      if (conversion.isPresent()) {
        return new Claim.Converted(conversion.get());
      }
    }
    return new Claim.Retry();
  }

  /** Removes a refused report, so that it changes nothing. */
  void release(LifecycleReport r) {
    jdbc.sql("DELETE FROM lifecycle_reports WHERE vendor_id = ? AND event_id = ?")
        .params(r.vendorId(), r.eventId())
        .update();
  }

  Optional<LifecycleReport> find(String vendorId, String eventId) {
    return select("vendor_id = ? AND event_id = ?", vendorId, eventId).stream().findFirst();
  }

  /** The report that created this entity, if one is stored. */
  Optional<LifecycleReport> creation(String vendorId, String kind, String entityId) {
    return select(
            "vendor_id = ? AND kind = ? AND entity_id = ? AND creates", vendorId, kind, entityId)
        .stream()
        .findFirst();
  }

  /** The {@code subscription.created} that converts this trial, if one is stored. */
  Optional<LifecycleReport> conversion(String vendorId, String trialId) {
    return select("vendor_id = ? AND trial_id = ?", vendorId, trialId).stream().findFirst();
  }

  /** Every stored report of the entity, in the order they were accepted. */
  List<LifecycleReport> reportsOf(String vendorId, String kind, String entityId) {
    return select("vendor_id = ? AND kind = ? AND entity_id = ?", vendorId, kind, entityId);
  }

  private List<LifecycleReport> select(String where, Object... params) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM lifecycle_reports WHERE " + where + " ORDER BY seq")
        .params(params)
        .query(this::map)
        .list();
  }

  /** The stored report; refused as a conflict when its envelope cannot be decrypted. */
  private LifecycleReport map(ResultSet rs, int row) throws SQLException {
    String vendorId = rs.getString("vendor_id");
    String eventId = rs.getString("event_id");
    String body =
        data.openOrRefuse(
            rs.getString("body"), "lifecycle report " + eventId, bodyOf(vendorId, eventId));
    Envelope envelope =
        new Envelope(
            eventId, rs.getString("type"), rs.getTimestamp("occurred_at").toInstant(), body);
    LifecycleReport parsed =
        LifecycleReport.of(vendorId, envelope, rs.getTimestamp("accepted_at").toInstant());
    return parsed;
  }
}
