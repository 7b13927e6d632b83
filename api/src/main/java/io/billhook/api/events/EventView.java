package io.billhook.api.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.billhook.api.AttemptView;
import io.billhook.core.events.EventQueries.DeliveryAttempts;
import io.billhook.core.events.EventQueries.EventDetail;
import io.billhook.core.events.EventStore.StoredEvent;
import io.billhook.core.events.JavaScriptJson;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * An event with each delivery's status and attempts (omitted in lists). Once its data has been
 * purged (BILLHOOK_RETENTION), {@code data} is null and {@code purged} is true; {@code purged} is
 * left out while the data is kept.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EventView(
    String id,
    String type,
    String timestamp,
    @JsonRawValue String data,
    String status,
    Boolean purged,
    List<DeliveryView> deliveries) {

  record DeliveryView(String endpointId, String url, String status, List<AttemptView> attempts) {
    static DeliveryView of(DeliveryAttempts d) {
      return new DeliveryView(
          d.delivery().endpointId(),
          d.delivery().url(),
          d.delivery().status(),
          d.attempts().stream().map(AttemptView::withinDelivery).toList());
    }
  }

  static EventView of(EventDetail detail) {
    return summary(detail.event(), detail.deliveries().stream().map(DeliveryView::of).toList());
  }

  static EventView summary(StoredEvent event) {
    return summary(event, null);
  }

  private static EventView summary(StoredEvent event, List<DeliveryView> deliveries) {
    return new EventView(
        event.envelope().id(),
        event.envelope().type(),
        DateTimeFormatter.ISO_INSTANT.format(event.envelope().timestamp()),
        JavaScriptJson.stringify(event.envelope().data()),
        event.status(),
        event.purged() ? Boolean.TRUE : null,
        deliveries);
  }
}
