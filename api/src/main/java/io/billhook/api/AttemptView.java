package io.billhook.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.billhook.core.delivery.DeliveryLog.Attempt;
import java.time.Instant;

/**
 * One delivery attempt as the API shows it. In an endpoint's log it names the event, the endpoint
 * and the URL it went to; within an event's delivery, which already names them, it leaves them out.
 * {@code series} is 1 for the first sending of the delivery and one more for each resend.
 */
public record AttemptView(
    @JsonInclude(JsonInclude.Include.NON_NULL) String eventId,
    @JsonInclude(JsonInclude.Include.NON_NULL) String endpointId,
    int attempt,
    int series,
    Instant at,
    @JsonInclude(JsonInclude.Include.NON_NULL) String url,
    Integer statusCode,
    long durationMs,
    String responseExcerpt,
    String error) {

  /** An attempt in an endpoint's log. */
  public static AttemptView inLog(Attempt a) {
    return of(a, true);
  }

  /** An attempt within the delivery of one event to one endpoint. */
  public static AttemptView withinDelivery(Attempt a) {
    return of(a, false);
  }

  private static AttemptView of(Attempt a, boolean named) {
    return new AttemptView(
        named ? a.eventId() : null,
        named ? a.endpointId() : null,
        a.attempt(),
        a.series(),
        a.at(),
        named ? a.url() : null,
        a.statusCode(),
        a.durationMs(),
        a.responseExcerpt(),
        a.error());
  }
}
