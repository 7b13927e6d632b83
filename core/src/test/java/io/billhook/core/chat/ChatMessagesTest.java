package io.billhook.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hostile text in an event never becomes markup, a mention or a link in any chat. */
class ChatMessagesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOSTILE =
      "@everyone <@&123456> <!channel> <b>bold</b> **x** [click](https://evil.example) `c` &amp;";

  /**
   * Each platform's default message, where the hostile name lands, and what it must read there:
   * Discord's markdown and mention characters backslashed, Slack's and Telegram HTML's {@code &}
   * {@code <} {@code >} as entities.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "DISCORD | /embeds/0/fields/0/value | \\@everyone \\<\\@&123456\\> \\<!channel\\>"
            + " \\<b\\>bold\\</b\\> \\*\\*x\\*\\* \\[click\\]\\(https\\://evil.example\\)"
            + " \\`c\\` &amp;",
        "SLACK | /blocks/1/fields/0/text | *Customer*\\n@everyone &lt;@&amp;123456&gt; &lt;!channel&gt;"
            + " &lt;b&gt;bold&lt;/b&gt; **x** [click](https://evil.example) `c` &amp;amp;",
        "TELEGRAM | /text | Customer: <b>@everyone &lt;@&amp;123456&gt; &lt;!channel&gt;"
            + " &lt;b&gt;bold&lt;/b&gt; **x** [click](https://evil.example) `c` &amp;amp;</b>",
      })
  void hostileTextIsShownAsTypedInTheDefaultMessage(
      ChatFormat format, String where, String expected) throws Exception {
    JsonNode body = defaultMessage(format);

    assertThat(body.at(where).asText()).contains(expected.replace("\\n", "\n"));
    assertThat(body.toString()).doesNotContain("<!channel>").doesNotContain("<@&123456>");
  }

  @Test
  void discordPingsNobodyAndTelegramHtmlHasOnlyBillhooksOwnTags() throws Exception {
    assertThat(defaultMessage(ChatFormat.DISCORD).path("allowed_mentions").path("parse")).isEmpty();
    JsonNode telegram = defaultMessage(ChatFormat.TELEGRAM);
    assertThat(telegram.path("parse_mode").asText()).isEqualTo("HTML");
    assertThat(telegram.path("text").asText().replaceAll("</?(b|i|code)>", ""))
        .doesNotContain("<")
        .doesNotContain(">");
  }

  @Test
  void aTemplatesTextIsShownAsTypedOnEveryPlatform() throws Exception {
    String template = "New: {{{data.customerName}}} **{{type}}**";

    JsonNode discord = message(ChatFormat.DISCORD, template);
    JsonNode slack = message(ChatFormat.SLACK, template);
    JsonNode telegram = message(ChatFormat.TELEGRAM, template);

    assertThat(discord.path("content").asText())
        .startsWith("New\\: \\@everyone \\<\\@&123456\\> \\<!channel\\>")
        .endsWith("\\*\\*payment.received\\*\\*");
    assertThat(slack.path("text").asText())
        .startsWith("New: @everyone &lt;@&amp;123456&gt; &lt;!channel&gt;");
    assertThat(slack.path("mrkdwn").asBoolean(true)).isFalse();
    assertThat(telegram.path("text").asText()).startsWith("New: @everyone <@&123456> <!channel>");
    assertThat(telegram.has("parse_mode")).isFalse();
  }

  @Test
  void hugeTextIsCutToEachPlatformsLimit() throws Exception {
    String template = "{{#data.items}}" + "<&>".repeat(600) + "{{/data.items}}";

    assertThat(message(ChatFormat.DISCORD, template).path("content").asText())
        .hasSizeLessThanOrEqualTo(DiscordMessage.MAX_CONTENT)
        .endsWith("…")
        .doesNotEndWith("\\…");
    assertThat(message(ChatFormat.SLACK, template).path("text").asText())
        .hasSizeLessThanOrEqualTo(SlackMessage.MAX_TEXT)
        .matches("(&lt;&amp;&gt;)+(&lt;|&amp;|&gt;)?…");
    assertThat(message(ChatFormat.TELEGRAM, template).path("text").asText())
        .hasSize(TelegramMessage.MAX_TEXT);
  }

  @Test
  void aTemplateThatRendersNothingFallsBackToTheDefaultMessage() throws Exception {
    assertThat(message(ChatFormat.DISCORD, "{{data.nothing}}  ").has("embeds")).isTrue();
  }

  private static JsonNode defaultMessage(ChatFormat format) throws Exception {
    return message(format, null);
  }

  private static JsonNode message(ChatFormat format, String template) throws Exception {
    String envelope =
        JSON.writeValueAsString(
            JSON.createObjectNode()
                .put("id", "evt_1")
                .put("type", "payment.received")
                .put("timestamp", "2026-12-03T10:00:00Z")
                .set(
                    "data",
                    JSON.createObjectNode()
                        .put("customerName", HOSTILE)
                        .set("items", JSON.valueToTree(java.util.List.of(1, 2, 3, 4, 5)))));
    ChatSettings settings =
        new ChatSettings(format, format == ChatFormat.TELEGRAM ? "42" : null, template);
    return JSON.readTree(ChatMessages.body(settings, envelope));
  }
}
