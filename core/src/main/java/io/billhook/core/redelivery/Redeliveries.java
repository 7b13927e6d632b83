package io.billhook.core.redelivery;

import io.billhook.core.endpoints.Endpoint;
import io.billhook.core.endpoints.EndpointStore;
import io.billhook.core.events.EventStore;
import io.billhook.core.events.EventStore.Delivery;
import io.billhook.core.events.EventStore.StoredEvent;
import io.billhook.core.refusals.Refusal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Sends finished deliveries again: one event (resend) or everything that failed to an endpoint
 * since a time (recover). The same webhook-id goes out, as a new attempt series. The deliveries are
 * made pending in PostgreSQL before the caller is answered; their runs start after.
 */
@Service
public record Redeliveries(
    EventStore events, EndpointStore endpoints, RedeliveryStore store, RunStarter runs) {
  /** Deliveries one recover makes pending, at most; the answer says when more remain. */
  public static final int RECOVER_LIMIT = 10_000;

  /** The endpoints an event is sent to again. */
  public record Resent(String eventId, List<String> endpointIds) {}

  /** What a recover made pending again, and what it left (see {@link RedeliveryStore#recover}). */
  public record Recovered(int resent, int skippedPurged, int skippedPending, boolean more) {}

  /**
   * Sends the event again to {@code endpointId}, or (null) to every endpoint it was delivered to
   * that is still there and enabled. Refused while any delivery of it is pending.
   */
  public Resent resend(String vendorId, String eventId, String endpointId) {
    StoredEvent event =
        events.find(vendorId, eventId).orElseThrow(() -> noSuch("event", eventId, vendorId));
    List<Delivery> deliveries = events.deliveries(vendorId, eventId);
    List<String> targets =
        endpointId == null
            ? enabledTargets(vendorId, eventId, deliveries)
            : List.of(namedTarget(vendorId, eventId, endpointId, deliveries));
    if (event.purged()) {
      throw conflict(
          "event "
              + eventId
              + " cannot be sent again: its data was purged after the retention period"
              + " (\"purged\": true)");
    }
    if (deliveries.stream().anyMatch(d -> d.status().equals("pending"))) {
      throw stillBeingDelivered(eventId);
    }
    List<String> resent = store.resend(vendorId, eventId, targets);
    if (resent.isEmpty()) {
      throw stillBeingDelivered(eventId);
    }
    runs.start(vendorId, List.of(eventId));
    return new Resent(eventId, resent.stream().sorted().toList());
  }

  /**
   * Sends again every delivery to the endpoint that ended failed at or after {@code since}, up to
   * {@link #RECOVER_LIMIT}, oldest first. A run still recording how the previous sending ended
   * cannot undo this: it settles only the sending it made.
   */
  public Recovered recover(String vendorId, String endpointId, Instant since) {
    if (since.isAfter(Instant.now())) {
      throw Refusal.invalid("since must not be in the future (got " + since + ")");
    }
    Endpoint endpoint = endpoint(vendorId, endpointId);
    if (!endpoint.enabled()) {
      throw disabled(endpointId);
    }
    Instant from = since.isBefore(Instant.EPOCH) ? Instant.EPOCH : since;
    RedeliveryStore.Recovery recovery = store.recover(vendorId, endpointId, from, RECOVER_LIMIT);
    runs.start(vendorId, recovery.eventIds());
    return new Recovered(
        recovery.eventIds().size(),
        recovery.skippedPurged(),
        recovery.skippedPending(),
        recovery.more());
  }

  private String namedTarget(
      String vendorId, String eventId, String endpointId, List<Delivery> deliveries) {
    Endpoint endpoint = endpoint(vendorId, endpointId);
    if (deliveries.stream().noneMatch(d -> d.endpointId().equals(endpointId))) {
      throw conflict(
          "event "
              + eventId
              + " was never delivered to endpoint "
              + endpointId
              + " (it was not subscribed to the event's type when the event was accepted)");
    }
    if (!endpoint.enabled()) {
      throw disabled(endpointId);
    }
    return endpointId;
  }

  private List<String> enabledTargets(String vendorId, String eventId, List<Delivery> deliveries) {
    if (deliveries.isEmpty()) {
      throw conflict(
          "event "
              + eventId
              + " went to no endpoint (none was subscribed to its type when it was accepted)");
    }
    List<String> enabled =
        deliveries.stream()
            .map(d -> endpoints.find(vendorId, d.endpointId()))
            .flatMap(Optional::stream)
            .filter(Endpoint::enabled)
            .map(Endpoint::id)
            .toList();
    if (enabled.isEmpty()) {
      throw conflict(
          "none of the endpoints event "
              + eventId
              + " was delivered to is still there and enabled");
    }
    return enabled;
  }

  private Endpoint endpoint(String vendorId, String endpointId) {
    return endpoints
        .find(vendorId, endpointId)
        .orElseThrow(() -> noSuch("endpoint", endpointId, vendorId));
  }

  private static Refusal noSuch(String what, String id, String vendorId) {
    return Refusal.notFound("no " + what + " " + id + " for vendor " + vendorId);
  }

  private static Refusal disabled(String endpointId) {
    return conflict(
        "endpoint "
            + endpointId
            + " is disabled; enable it (PATCH it with {\"enabled\":true}) to send to it again");
  }

  private static Refusal stillBeingDelivered(String eventId) {
    return conflict(
        "event "
            + eventId
            + " is still being delivered; resend it once every delivery of it has succeeded or"
            + " failed");
  }

  private static Refusal conflict(String message) {
    return new Refusal(Refusal.Kind.CONFLICT, message);
  }
}
