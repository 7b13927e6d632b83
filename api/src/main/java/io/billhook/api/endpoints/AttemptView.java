package io.billhook.api.endpoints;

import io.billhook.core.delivery.DeliveryLog;
import java.time.Instant;

/** One delivery attempt as the API shows it. */
public record AttemptView(
    String eventId,
    String endpointId,
    int attempt,
    Instant at,
    String url,
    Integer statusCode,
    long durationMs,
    String responseExcerpt,
    String error) {

  public static AttemptView of(DeliveryLog.Attempt a) {
    return new AttemptView(
        a.eventId(),
        a.endpointId(),
        a.attempt(),
        a.at(),
        a.url(),
        a.statusCode(),
        a.durationMs(),
        a.responseExcerpt(),
        a.error());
  }
}
