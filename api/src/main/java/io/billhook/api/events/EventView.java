package io.billhook.api.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.billhook.core.delivery.DeliveryLog;
import io.billhook.core.events.EventStore.StoredEvent;
import io.billhook.core.events.JavaScriptJson;
import java.time.Instant;
import java.util.List;

/** An event with each delivery's status and attempts (omitted in lists). */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EventView(
    String id,
    String type,
    String timestamp,
    @JsonRawValue String data,
    String status,
    List<DeliveryView> deliveries) {

  record DeliveryView(String endpointId, String url, String status, List<AttemptView> attempts) {}

  record AttemptView(
      int attempt,
      Instant at,
      Integer statusCode,
      long durationMs,
      String responseExcerpt,
      String error) {}

  static EventView of(
      StoredEvent event,
      List<DeliveryLog.Delivery> deliveries,
      List<DeliveryLog.Attempt> attempts) {
    List<DeliveryView> views =
        deliveries.stream()
            .map(
                d ->
                    new DeliveryView(
                        d.endpointId(),
                        d.url(),
                        d.status(),
                        attempts.stream()
                            .filter(a -> a.endpointId().equals(d.endpointId()))
                            .map(
                                a ->
                                    new AttemptView(
                                        a.attempt(),
                                        a.at(),
                                        a.statusCode(),
                                        a.durationMs(),
                                        a.responseExcerpt(),
                                        a.error()))
                            .toList()))
            .toList();
    return summary(event, views);
  }

  static EventView summary(StoredEvent event, List<DeliveryView> deliveries) {
    return new EventView(
        event.envelope().id(),
        event.envelope().type(),
        java.time.format.DateTimeFormatter.ISO_INSTANT.format(event.envelope().timestamp()),
        JavaScriptJson.stringify(event.envelope().data()),
        event.status(),
        deliveries);
  }
}
