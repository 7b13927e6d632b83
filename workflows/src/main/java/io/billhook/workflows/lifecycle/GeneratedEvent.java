package io.billhook.workflows.lifecycle;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event produced by a lifecycle timer. Its id is derived from the entity and type, so a replay
 * or a retried activity can never emit it twice; {@code data} keeps its insertion order.
 */
public record GeneratedEvent(
    String vendorId, String eventId, String type, Instant at, LinkedHashMap<String, String> data) {

  public GeneratedEvent {
    data = new LinkedHashMap<>(data);
  }

  public static GeneratedEvent of(
      String vendorId, String entityKey, String type, Instant at, Map<String, String> data) {
    return new GeneratedEvent(
        vendorId,
        GeneratedEventIds.of(vendorId, entityKey, type),
        type,
        at,
        new LinkedHashMap<>(data));
  }
}
