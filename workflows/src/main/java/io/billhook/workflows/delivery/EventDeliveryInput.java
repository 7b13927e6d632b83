package io.billhook.workflows.delivery;

import java.util.List;

/**
 * One accepted event and the endpoints it goes to; {@code maxAttempts} fixes the retry budget for
 * this run. {@code body} is null: the event's data stays out of Temporal, and each attempt reads
 * the envelope from PostgreSQL. Runs recorded before carry the exact envelope there, which their
 * attempts sign and send byte for byte.
 */
public record EventDeliveryInput(
    String vendorId,
    String eventId,
    String eventType,
    String body,
    List<DeliveryTarget> targets,
    int maxAttempts) {

  public EventDeliveryInput {
    targets = List.copyOf(targets);
  }

  public DeliveryRequest requestFor(DeliveryTarget target) {
    return new DeliveryRequest(
        vendorId,
        eventId,
        eventType,
        target.endpointId(),
        body,
        maxAttempts,
        null,
        target.series());
  }
}
