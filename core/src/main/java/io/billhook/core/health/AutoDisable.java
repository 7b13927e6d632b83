package io.billhook.core.health;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billhook.core.delivery.RedactedUrl;
import io.billhook.core.endpoints.EndpointStore;
import io.billhook.core.events.Envelope;
import io.billhook.core.events.EventStore;
import io.billhook.core.reconcile.Reconciler;
import io.billhook.core.redelivery.RunStarter;
import io.billhook.workflows.delivery.DeliveryTarget;
import io.billhook.workflows.events.EventType;
import io.billhook.workflows.lifecycle.GeneratedEventIds;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Disables each enabled endpoint whose every attempt has failed for {@code BILLHOOK_DISABLE_AFTER}
 * (its first failure after its last success lies that far before its last failure), with the
 * reason, and tells the vendor once: an {@code endpoint.disabled} event to the vendor's endpoints
 * subscribed to it, stored in the same transaction as the disable, under an id derived from the
 * endpoint and the start of its failures, so that two processes or a retry store it once. The
 * endpoint just disabled is not among its recipients, so a failing recipient cannot feed a loop:
 * each endpoint is disabled, and announced, once until it is enabled again. Runs with the
 * reconcilers (at start, then every {@code BILLHOOK_RECONCILE_INTERVAL}) in every process with
 * workers.
 */
@Component
public record AutoDisable(
    JdbcClient jdbc,
    TransactionTemplate tx,
    EndpointStore endpoints,
    EventStore events,
    RunStarter runs,
    DisableAfter after)
    implements Reconciler {
  private static final Logger log = LoggerFactory.getLogger(AutoDisable.class);
  private static final int BATCH = 100;

  @Override
  public String name() {
    return "failing endpoints";
  }

  @Override
  public int reconcile() {
    return run();
  }

  /** Disables what is due, batch by batch; returns how many endpoints it disabled. */
  public int run() {
    int disabled = 0;
    while (true) {
      List<Disabled> batch = tx.execute(status -> disableDue());
      batch.forEach(d -> runs.start(d.vendorId(), List.of(d.noticeId())));
      batch.forEach(
          d ->
              log.warn(
                  "Disabled endpoint {} of vendor {}: {}",
                  d.endpointId(),
                  d.vendorId(),
                  d.reason()));
      disabled += batch.size();
      if (batch.size() < BATCH) {
        return disabled;
      }
    }
  }

  private List<Disabled> disableDue() {
    List<Disabled> due =
        jdbc.sql(
                "SELECT e.vendor_id, e.id, e.url, f.failing_since FROM endpoint_failures f"
                    + " JOIN endpoints e ON e.id = f.endpoint_id AND e.vendor_id = f.vendor_id"
                    + " WHERE e.enabled AND f.last_failed_at - f.failing_since"
                    + " >= make_interval(secs => ?) ORDER BY f.failing_since LIMIT ?"
                    + " FOR UPDATE OF e SKIP LOCKED")
            .params((double) after.value().toMillis() / 1000, BATCH)
            .query(
                (rs, row) ->
                    Disabled.of(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
            .list();
    Instant now = Instant.now();
    for (Disabled d : due) {
      jdbc.sql(
              "UPDATE endpoints SET enabled = FALSE, disabled_reason = ?, updated_at = ?"
                  + " WHERE vendor_id = ? AND id = ?")
          .params(d.reason(), Timestamp.from(now), d.vendorId(), d.endpointId())
          .update();
      announce(d, now);
    }
    return due;
  }

  /** Stores the notice with one pending delivery per subscribed endpoint (this one is disabled). */
  private void announce(Disabled d, Instant now) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("endpointId", d.endpointId());
    data.put("url", RedactedUrl.of(d.url()));
    data.put("reason", d.reason());
    data.put("failingSince", d.failingSince().toString());
    Envelope notice = Envelope.of(d.noticeId(), EventType.ENDPOINT_DISABLED.wireName(), now, data);
    List<DeliveryTarget> targets =
        endpoints.subscribedTo(d.vendorId(), EventType.ENDPOINT_DISABLED.wireName()).stream()
            .map(e -> new DeliveryTarget(e.id(), e.url()))
            .toList();
    events.insert(d.vendorId(), notice, targets);
  }

  /** An endpoint disabled now, and the id of the notice that says so. */
  record Disabled(
      String vendorId, String endpointId, String url, Instant failingSince, String noticeId) {
    static Disabled of(String vendorId, String endpointId, String url, Instant failingSince) {
      Instant since = failingSince.truncatedTo(ChronoUnit.SECONDS);
      String noticeId =
          GeneratedEventIds.of(
              vendorId,
              "endpoint " + endpointId + " failing since " + failingSince.toEpochMilli(),
              EventType.ENDPOINT_DISABLED.wireName());
      return new Disabled(vendorId, endpointId, url, since, noticeId);
    }

    String reason() {
      return "failed every attempt since " + failingSince;
    }
  }
}
