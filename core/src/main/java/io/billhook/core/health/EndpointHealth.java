package io.billhook.core.health;

import io.billhook.core.endpoints.EndpointStore;
import io.billhook.core.refusals.Refusal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** An endpoint's health as its vendor sees it: counts, success rate and latency since a time. */
@Service
public class EndpointHealth {
  private final JdbcClient jdbc;
  private final EndpointStore endpoints;

  public EndpointHealth(JdbcClient jdbc, EndpointStore endpoints) {
    this.jdbc = jdbc;
    this.endpoints = endpoints;
  }

  public EndpointStats stats(String vendorId, String endpointId, Instant since) {
    Instant until = Instant.now();
    if (since.isAfter(until)) {
      throw Refusal.invalid("since must not be in the future (got " + since + ")");
    }
    if (endpoints.find(vendorId, endpointId).isEmpty()) {
      throw Refusal.notFound("no endpoint " + endpointId + " for vendor " + vendorId);
    }
    Timestamp from = Timestamp.from(since.isBefore(Instant.EPOCH) ? Instant.EPOCH : since);
    EndpointStats.Deliveries deliveries =
        jdbc.sql(
                "SELECT count(*) FILTER (WHERE status = 'succeeded' AND updated_at >= ?),"
                    + " count(*) FILTER (WHERE status = 'failed' AND updated_at >= ?),"
                    + " count(*) FILTER (WHERE status = 'pending') FROM deliveries"
                    + " WHERE vendor_id = ? AND endpoint_id = ?"
                    + " AND (status = 'pending' OR updated_at >= ?)")
            .params(from, from, vendorId, endpointId, from)
            .query(
                (rs, row) ->
                    new EndpointStats.Deliveries(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
            .single();
    AttemptRow attempts =
        jdbc.sql(
                "SELECT count(*), count(*) FILTER (WHERE status_code BETWEEN 200 AND 299),"
                    + " percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms),"
                    + " percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms)"
                    + " FROM attempts WHERE vendor_id = ? AND endpoint_id = ? AND at >= ?")
            .params(vendorId, endpointId, from)
            .query(EndpointHealth::attempts)
            .single();
    Optional<Instant> failingSince =
        jdbc.sql(
                "SELECT failing_since FROM endpoint_failures WHERE vendor_id = ? AND endpoint_id = ?")
            .params(vendorId, endpointId)
            .query((rs, row) -> rs.getTimestamp(1).toInstant())
            .optional();
    long ended = deliveries.delivered() + deliveries.failed();
    return new EndpointStats(
        endpointId,
        since,
        until,
        deliveries,
        attempts.counts(),
        ended == 0 ? null : Math.round(10_000.0 * deliveries.delivered() / ended) / 10_000.0,
        attempts.latency(),
        failingSince.orElse(null));
  }

  private record AttemptRow(EndpointStats.Attempts counts, EndpointStats.Latency latency) {}

  private static AttemptRow attempts(ResultSet rs, int row) throws SQLException {
    long total = rs.getLong(1);
    long succeeded = rs.getLong(2);
    return new AttemptRow(
        new EndpointStats.Attempts(total, succeeded, total - succeeded),
        new EndpointStats.Latency(nullable(rs, 3), nullable(rs, 4)));
  }

  private static Double nullable(ResultSet rs, int column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }
}
