package io.billhook.core.delivery;

import io.billhook.core.secrets.SecretCipher;
import io.billhook.core.secrets.StoredData;
import io.billhook.workflows.delivery.DeliveryRequest;
import io.billhook.workflows.delivery.DeliveryStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Delivery statuses and every attempt, in PostgreSQL: what the delivery log API reads. */
@Repository
public class DeliveryLog {
  private static final String ATTEMPT_COLUMNS =
      "id, vendor_id, event_id, endpoint_id, attempt, at, url, status_code, duration_ms, response_excerpt,"
          + " error, series";

  private static final Logger logger = LoggerFactory.getLogger(DeliveryLog.class);

  private final JdbcClient jdbc;

  /** Encrypts response excerpts (a receiver may echo the payload), bound to their attempt. */
  private final StoredData data;

  public DeliveryLog(JdbcClient jdbc, StoredData data) {
    this.jdbc = jdbc;
    this.data = data;
  }

  private static final String INSERT_ATTEMPT =
      "INSERT INTO attempts (vendor_id, event_id, endpoint_id, attempt, at, url, status_code,"
          + " duration_ms, response_excerpt, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /**
   * Settles a pending delivery, only in the sending the run makes (any, for runs that do not say):
   * a run that ends after its delivery was sent again must not settle the new sending.
   */
  private static final String FINISH =
      "UPDATE deliveries SET status = ?, updated_at = ? WHERE vendor_id = ? AND event_id = ?"
          + " AND endpoint_id = ? AND status = 'pending' AND (?::int = 0 OR series = ?::int)";

  /** Records an attempt after which the delivery goes on (it will be retried). */
  public void recordAttempt(DeliveryRequest request, int attempt, AttemptOutcome outcome) {
    jdbc.sql(INSERT_ATTEMPT).params(attemptParams(request, attempt, outcome)).update();
  }

  /** Records the attempt that ends the delivery and its final status, in one statement. */
  public void recordLastAttempt(
      DeliveryRequest request, int attempt, AttemptOutcome outcome, DeliveryStatus status) {
    List<Object> params = new ArrayList<>(attemptParams(request, attempt, outcome));
    params.addAll(finishParams(request, status));
    jdbc.sql("WITH attempt AS (" + INSERT_ATTEMPT + ") " + FINISH).params(params).update();
  }

  /**
   * Moves a pending delivery to a final status; a final status is never overwritten, nor is a
   * sending other than the request's.
   */
  public void finish(DeliveryRequest request, DeliveryStatus status) {
    jdbc.sql(FINISH).params(finishParams(request, status)).update();
  }

  private List<Object> attemptParams(DeliveryRequest request, int attempt, AttemptOutcome outcome) {
    return Arrays.asList(
        request.vendorId(),
        request.eventId(),
        request.endpointId(),
        attempt,
        Timestamp.from(outcome.at()),
        outcome.url(),
        outcome.statusCode() == 0 ? null : outcome.statusCode(),
        outcome.durationMs(),
        data.seal(
            outcome.responseExcerpt(),
            excerptOf(request.vendorId(), request.eventId(), request.endpointId(), attempt)),
        outcome.error());
  }

  private static List<Object> finishParams(DeliveryRequest request, DeliveryStatus status) {
    return List.of(
        status.wireName(),
        Timestamp.from(Instant.now()),
        request.vendorId(),
        request.eventId(),
        request.endpointId(),
        request.series(),
        request.series());
  }

  /** An event's attempts, by endpoint, in the order they were made. */
  public List<Attempt> attemptsOfEvent(String vendorId, String eventId) {
    return attempts("event_id = ? ORDER BY endpoint_id, series, attempt, id", vendorId, eventId);
  }

  /** An endpoint's attempts, newest first, strictly before the {@code beforeId} cursor if set. */
  public List<Attempt> attemptsOfEndpoint(
      String vendorId, String endpointId, Long beforeId, int limit) {
    return attempts(
        "endpoint_id = ? AND (?::bigint IS NULL OR id < ?::bigint) ORDER BY id DESC LIMIT ?",
        vendorId,
        endpointId,
        beforeId,
        beforeId,
        limit);
  }

  /** The vendor's attempts matching {@code condition}, whose parameters follow the vendor's id. */
  private List<Attempt> attempts(String condition, Object... params) {
    return jdbc.sql(
            "SELECT " + ATTEMPT_COLUMNS + " FROM attempts WHERE vendor_id = ? AND " + condition)
        .params(params)
        .query(this::mapAttempt)
        .list();
  }

  private Attempt mapAttempt(ResultSet rs, int row) throws SQLException {
    int code = rs.getInt("status_code");
    Integer statusCode = rs.wasNull() ? null : code; // wasNull speaks of the last column read
    String eventId = rs.getString("event_id");
    String endpointId = rs.getString("endpoint_id");
    int attempt = rs.getInt("attempt");
    return new Attempt(
        rs.getLong("id"),
        eventId,
        endpointId,
        attempt,
        rs.getTimestamp("at").toInstant(),
        rs.getString("url"),
        statusCode,
        rs.getLong("duration_ms"),
        excerpt(
            rs.getString("response_excerpt"),
            rs.getString("vendor_id"),
            eventId,
            endpointId,
            attempt),
        rs.getString("error"),
        rs.getInt("series"));
  }

  /** Where an attempt's excerpt is bound: it decrypts only in this row. */
  private static String[] excerptOf(String vendorId, String eventId, String endpointId, int n) {
    return new String[] {"attempts.response_excerpt", vendorId, eventId, endpointId, "" + n};
  }

  /** The stored excerpt, or null (logged, never quoted) when it cannot be decrypted. */
  private String excerpt(String stored, String vendorId, String eventId, String endpointId, int n) {
    try {
      return data.open(stored, excerptOf(vendorId, eventId, endpointId, n));
    } catch (SecretCipher.Unreadable e) {
      logger.warn(
          "Response excerpt of attempt {} of event {} to endpoint {} (vendor {}) is unreadable: {}",
          n,
          eventId,
          endpointId,
          vendorId,
          e.getMessage());
      return null;
    }
  }

  /**
   * Forgets the response excerpts of the attempts of the given events ({@code vendorIds[i]}, {@code
   * eventIds[i]}): what receivers answered may quote customer data. Returns how many attempts had
   * one.
   */
  public int purgeExcerpts(String[] vendorIds, String[] eventIds) {
    return jdbc.sql(
            "UPDATE attempts a SET response_excerpt = NULL"
                + " FROM unnest(?::text[], ?::text[]) AS k(vendor_id, event_id)"
                + " WHERE a.vendor_id = k.vendor_id AND a.event_id = k.event_id"
                + " AND a.response_excerpt IS NOT NULL")
        .params(vendorIds, eventIds)
        .update();
  }

  /**
   * One recorded HTTP attempt. {@code series} counts the sendings of its delivery: 1 for the first,
   * one more each time it is resent (the database sets it as the attempt is written).
   */
  public record Attempt(
      long id,
      String eventId,
      String endpointId,
      int attempt,
      Instant at,
      String url,
      Integer statusCode,
      long durationMs,
      String responseExcerpt,
      String error,
      int series) {}

  /** One event's delivery to one endpoint. */
}
