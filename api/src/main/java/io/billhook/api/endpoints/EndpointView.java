package io.billhook.api.endpoints;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.billhook.core.chat.ChatUrls;
import io.billhook.core.endpoints.Endpoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An endpoint as the API shows it; {@code secret} only in the create response. A chat platform's
 * token in the URL is shown as {@code ***}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EndpointView(
    String id,
    String url,
    String format,
    String chatId,
    String template,
    List<String> events,
    String description,
    Map<String, String> headers,
    boolean enabled,
    String disabledReason,
    Instant createdAt,
    Instant updatedAt,
    String secret) {

  static EndpointView of(Endpoint e) {
    return of(e, false);
  }

  static EndpointView withSecret(Endpoint e) {
    return of(e, true);
  }

  private static EndpointView of(Endpoint e, boolean withSecret) {
    return new EndpointView(
        e.id(),
        ChatUrls.masked(e.url()),
        e.format().wireName(),
        e.chatId(),
        e.template(),
        e.events(),
        e.description(),
        e.headers(),
        e.enabled(),
        e.disabledReason(),
        e.createdAt(),
        e.updatedAt(),
        withSecret ? e.secret() : null);
  }
}
