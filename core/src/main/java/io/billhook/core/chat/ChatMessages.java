package io.billhook.core.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;

/**
 * The body posted to a chat destination for an envelope: the endpoint's template rendered against
 * the envelope with its secrets removed, or, without a template (or when it renders nothing or
 * cannot be rendered within bounds), the readable default message for the event's type.
 */
public final class ChatMessages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChatMessages() {}

  /** The JSON body for {@code settings.format()}, which must be a chat format. */
  public static String body(ChatSettings settings, String envelopeBody) {
    return write(message(settings, envelopeBody));
  }

  /**
   * The envelope with the chat message it becomes under {@code message}: what the endpoint's test
   * action answers for a chat destination.
   */
  public static String preview(ChatSettings settings, String envelopeBody) {
    try {
      ObjectNode shown = (ObjectNode) JSON.readTree(envelopeBody);
      shown.set("message", message(settings, envelopeBody));
      return write(shown);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the envelope is not JSON", e);
    }
  }

  private static ObjectNode message(ChatSettings settings, String envelopeBody) {
    Map<String, Object> envelope = ScrubbedEnvelope.of(envelopeBody);
    Optional<String> text =
        Optional.ofNullable(settings.template())
            .flatMap(t -> ChatTemplate.render(t, envelope))
            .filter(t -> !t.isBlank());
    return switch (settings.format()) {
      case DISCORD ->
          text.map(DiscordMessage::ofText)
              .orElseGet(() -> DiscordMessage.of(EventFacts.of(envelope)));
      case SLACK ->
          text.map(SlackMessage::ofText).orElseGet(() -> SlackMessage.of(EventFacts.of(envelope)));
      case TELEGRAM ->
          text.map(t -> TelegramMessage.ofText(settings.chatId(), t))
              .orElseGet(() -> TelegramMessage.of(settings.chatId(), EventFacts.of(envelope)));
      case BILLHOOK -> throw new IllegalArgumentException("billhook endpoints get the envelope");
    };
  }

  private static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
