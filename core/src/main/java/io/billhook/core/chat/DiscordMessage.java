package io.billhook.core.chat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A Discord webhook message ({@code POST /api/webhooks/<id>/<token>}): the default is one embed
 * (title, description, up to 25 inline fields, footer, timestamp) within Discord's limits (title
 * 256, description 4096, field name 256 and value 1024, footer 2048, 6000 in all); a template's
 * text goes in {@code content} (2000). Markdown and mention characters are escaped, and {@code
 * allowed_mentions: {parse: []}} keeps any mention that slips through from pinging anyone. Instants
 * are Discord timestamps ({@code <t:1798970400:f>}), shown in each reader's time zone.
 */
final class DiscordMessage {
  static final int MAX_CONTENT = 2000;
  private static final int MAX_TOTAL = 6000;
  private static final int MAX_FIELDS = 25;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private DiscordMessage() {}

  static ObjectNode of(EventFacts facts) {
    ObjectNode embed = JSON.objectNode();
    String title = escaped(facts.type(), 256);
    String description = escaped(facts.headline(), 4096);
    String footer = escaped("Billhook · " + facts.eventId(), 2048);
    embed.put("title", title);
    embed.put("description", description);
    int total = title.length() + description.length() + footer.length();
    ArrayNode fields = embed.putArray("fields");
    for (EventFacts.Fact fact : facts.facts()) {
      String name = escaped(fact.label(), 256);
      String value = instant(fact.value()).orElseGet(() -> escaped(fact.value(), 1024));
      if (fields.size() == MAX_FIELDS || total + name.length() + value.length() > MAX_TOTAL) {
        break;
      }
      total += name.length() + value.length();
      fields.addObject().put("name", name).put("value", value).put("inline", true);
    }
    embed.putObject("footer").put("text", footer);
    if (facts.at().matches("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z")) {
      embed.put("timestamp", facts.at());
    }
    ObjectNode message = JSON.objectNode();
    message.putArray("embeds").add(embed);
    return withoutMentions(message);
  }

  static ObjectNode ofText(String text) {
    ObjectNode message = JSON.objectNode();
    message.put("content", ChatText.fit(text, ChatText::discord, MAX_CONTENT, false));
    return withoutMentions(message);
  }

  private static ObjectNode withoutMentions(ObjectNode message) {
    message.putObject("allowed_mentions").putArray("parse");
    return message;
  }

  /** An ISO-8601 instant as Discord's timestamp markup, shown in each reader's own time zone. */
  private static Optional<String> instant(String text) {
    try {
      return Optional.of("<t:" + Instant.parse(text).getEpochSecond() + ":f>");
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String escaped(String text, int max) {
    return ChatText.fit(text, ChatText::discord, max, true);
  }
}
