package io.billhook.core.chat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A Slack incoming-webhook message ({@code POST https://hooks.slack.com/services/...}): {@code
 * text} (the notification's fallback) and {@code blocks}: a header (plain text, 150), sections of
 * up to 10 mrkdwn fields (2000 each) and a context line. {@code &}, {@code <} and {@code >} are
 * escaped everywhere, so no text can mention a channel ({@code <!channel>}) or forge a link. A
 * template's text goes in {@code text} alone, with mrkdwn off.
 */
final class SlackMessage {
  static final int MAX_TEXT = 4000;
  private static final int MAX_SECTION_FIELDS = 10;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private SlackMessage() {}

  static ObjectNode of(EventFacts facts) {
    ObjectNode message = JSON.objectNode();
    message.put("text", mrkdwn(facts.headline(), 3000));
    ArrayNode blocks = message.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header
        .putObject("text")
        .put("type", "plain_text")
        .put("text", ChatText.fit(facts.headline(), ChatText::plain, 150, true));
    List<EventFacts.Fact> all = facts.facts();
    for (int from = 0; from < all.size(); from += MAX_SECTION_FIELDS) {
      ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
      for (EventFacts.Fact fact :
          all.subList(from, Math.min(all.size(), from + MAX_SECTION_FIELDS))) {
        fields
            .addObject()
            .put("type", "mrkdwn")
            .put("text", "*" + mrkdwn(fact.label(), 100) + "*\n" + mrkdwn(fact.value(), 1800));
      }
    }
    blocks
        .addObject()
        .put("type", "context")
        .putArray("elements")
        .addObject()
        .put("type", "mrkdwn")
        .put("text", mrkdwn(facts.type() + " · " + facts.eventId() + " · " + facts.at(), 2000));
    return message;
  }

  static ObjectNode ofText(String text) {
    ObjectNode message = JSON.objectNode();
    message.put("text", ChatText.fit(text, ChatText::slack, MAX_TEXT, false));
    message.put("mrkdwn", false);
    return message;
  }

  private static String mrkdwn(String text, int max) {
    return ChatText.fit(text, ChatText::slack, max, true);
  }
}
