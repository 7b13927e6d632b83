package io.billhook.api.endpoints;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.billhook.core.endpoints.Endpoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An endpoint as the API shows it; {@code secret} only in the create response. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EndpointView(
    String id,
    String url,
    List<String> events,
    String description,
    Map<String, String> headers,
    boolean enabled,
    String disabledReason,
    Instant createdAt,
    Instant updatedAt,
    String secret) {

  static EndpointView of(Endpoint e) {
    return new EndpointView(
        e.id(),
        e.url(),
        e.events(),
        e.description(),
        e.headers(),
        e.enabled(),
        e.disabledReason(),
        e.createdAt(),
        e.updatedAt(),
        null);
  }

  static EndpointView withSecret(Endpoint e) {
    EndpointView v = of(e);
    return new EndpointView(
        v.id,
        v.url,
        v.events,
        v.description,
        v.headers,
        v.enabled,
        v.disabledReason,
        v.createdAt,
        v.updatedAt,
        e.secret());
  }
}
