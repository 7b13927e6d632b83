package io.billhook.core.endpoints;

import io.billhook.core.chat.ChatSettings;
import java.util.List;
import java.util.Map;

/**
 * The body of create (url and events required) and update (every field optional). {@code format},
 * {@code chatId} and {@code template} say what the endpoint is sent ({@link ChatSettings}).
 */
public record EndpointFields(
    String url,
    List<String> events,
    String description,
    Map<String, String> headers,
    Boolean enabled,
    String format,
    String chatId,
    String template) {

  ChatSettings.Requested chat() {
    return new ChatSettings.Requested(format, chatId, template);
  }
}
