package io.billhook.core.chat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Telegram Bot API {@code sendMessage} call: {@code chat_id}, {@code text} of at most 4096
 * characters, link previews off. The default message uses {@code parse_mode: HTML} with {@code &},
 * {@code <} and {@code >} of every value as entities; a template's text is sent without a parse
 * mode, so Telegram shows it exactly as written.
 */
final class TelegramMessage {
  static final int MAX_TEXT = 4096;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private TelegramMessage() {}

  static ObjectNode of(String chatId, EventFacts facts) {
    StringBuilder text = new StringBuilder();
    text.append("<b>").append(html(facts.headline(), 300)).append("</b>\n");
    text.append("<i>").append(html(facts.type(), 200)).append("</i>\n");
    String end = "\n<code>" + html(facts.eventId(), 200) + "</code> · " + html(facts.at(), 200);
    for (EventFacts.Fact fact : facts.facts()) {
      String line = "\n" + html(fact.label(), 100) + ": <b>" + html(fact.value(), 400) + "</b>";
      if (text.length() + line.length() + end.length() > MAX_TEXT) {
        break;
      }
      text.append(line);
    }
    ObjectNode message = message(chatId, text.append('\n').append(end).toString());
    message.put("parse_mode", "HTML");
    return message;
  }

  static ObjectNode ofText(String chatId, String text) {
    return message(chatId, ChatText.fit(text, ChatText::plain, MAX_TEXT, false));
  }

  private static ObjectNode message(String chatId, String text) {
    ObjectNode message = JSON.objectNode();
    message.put("chat_id", chatId);
    message.put("text", text);
    message.putObject("link_preview_options").put("is_disabled", true);
    return message;
  }

  private static String html(String text, int max) {
    return ChatText.fit(text, ChatText::html, max, true);
  }
}
