package io.billhook.core.events;

import io.billhook.core.delivery.DeliveryLog;
import io.billhook.core.delivery.DeliveryLog.Attempt;
import io.billhook.core.events.EventStore.Delivery;
import io.billhook.core.events.EventStore.StoredEvent;
import io.billhook.core.refusals.Refusal;
import io.billhook.workflows.events.EventType;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Reads the delivery log: events with their deliveries and attempts, and an endpoint's attempts.
 */
@Service
public class EventQueries {
  private final EventStore events;
  private final DeliveryLog log;

  EventQueries(EventStore events, DeliveryLog log) {
    this.events = events;
    this.log = log;
  }

  /** The event with each of its deliveries and that delivery's attempts. */
  public EventDetail event(String vendorId, String eventId) {
    StoredEvent event =
        events
            .find(vendorId, eventId)
            .orElseThrow(() -> Refusal.notFound("no event " + eventId + " for vendor " + vendorId));
    List<Attempt> attempts = log.attemptsOfEvent(vendorId, eventId);
    List<DeliveryAttempts> deliveries =
        events.deliveries(vendorId, eventId).stream()
            .map(
                d ->
                    new DeliveryAttempts(
                        d,
                        attempts.stream()
                            .filter(a -> a.endpointId().equals(d.endpointId()))
                            .toList()))
            .toList();
    return new EventDetail(event, deliveries);
  }

  /** The vendor's events that pass the filter, newest first, strictly before the seq cursor. */
  public List<StoredEvent> events(String vendorId, Filter filter, Long beforeSeq, int limit) {
    return events.list(vendorId, filter.type(), filter.status(), beforeSeq, limit);
  }

  /** An endpoint's attempts, newest first, strictly before the {@code beforeId} cursor if set. */
  public List<Attempt> attemptsOfEndpoint(
      String vendorId, String endpointId, Long beforeId, int limit) {
    return log.attemptsOfEndpoint(vendorId, endpointId, beforeId, limit);
  }

  /** Which events a list shows: of one type, in one delivery status, or (null) any. */
  public record Filter(String type, String status) {
    private static final Set<String> STATUSES = Set.of("pending", "succeeded", "failed");

    /** Refuses a type outside the catalogue and a status that is not a delivery status. */
    public Filter {
      if (type != null && EventType.fromWireName(type).isEmpty()) {
        throw Refusal.invalid("unknown event type '" + type + "'");
      }
      if (status != null && !STATUSES.contains(status)) {
        throw Refusal.invalid("status must be one of pending, succeeded, failed");
      }
    }
  }

  /** An event and its deliveries. */
  public record EventDetail(StoredEvent event, List<DeliveryAttempts> deliveries) {}

  /** One delivery of an event and the attempts made for it, in order. */
  public record DeliveryAttempts(Delivery delivery, List<Attempt> attempts) {}
}
