package io.billhook.workflows.delivery;

import java.util.List;

/**
 * One accepted event and the endpoints it goes to. {@code body} is the exact envelope, signed and
 * sent byte for byte; {@code maxAttempts} fixes the retry budget for this run.
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
        vendorId, eventId, eventType, target.endpointId(), body, maxAttempts, null);
  }
}
