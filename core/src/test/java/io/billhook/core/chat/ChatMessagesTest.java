package io.billhook.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Hostile text in an event never becomes markup, a mention or a link in any chat. */
class ChatMessagesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOSTILE =
      "@everyone <@&123456> <!channel> <b>bold</b> **x** [click](https://evil.example) `c` &amp;";

  @Test
  void discordEscapesMarkdownAndMentionsAndPingsNobody() throws Exception {
    JsonNode body = defaultMessage(ChatFormat.DISCORD);
    String name = body.path("embeds").get(0).path("fields").get(0).path("value").asText();

    assertThat(name)
        .isEqualTo(
            "\\@everyone \\<\\@&123456\\> \\<!channel\\> \\<b\\>bold\\<\\\\/b\\> \\*\\*x\\*\\*"
                    .replace("\\\\/", "/")
                + " \\[click\\]\\(https\\://evil.example\\) \\`c\\` &amp;");
    assertThat(body.path("allowed_mentions").path("parse")).isEmpty();
  }

  @Test
  void slackEscapesItsControlCharactersSoNoChannelIsMentioned() throws Exception {
    JsonNode body = defaultMessage(ChatFormat.SLACK);
    String field = body.path("blocks").get(1).path("fields").get(0).path("text").asText();

    assertThat(field)
        .isEqualTo(
            "*Customer*\n@everyone &lt;@&amp;123456&gt; &lt;!channel&gt; &lt;b&gt;bold&lt;/b&gt;"
                + " **x** [click](https://evil.example) `c` &amp;amp;");
    assertThat(body.toString()).doesNotContain("<!channel>");
  }

  @Test
  void telegramHtmlHasOnlyBillhooksOwnTags() throws Exception {
    JsonNode body = defaultMessage(ChatFormat.TELEGRAM);
    String text = body.path("text").asText();

    assertThat(body.path("parse_mode").asText()).isEqualTo("HTML");
    assertThat(text)
        .contains(
            "Customer: <b>@everyone &lt;@&amp;123456&gt; &lt;!channel&gt; &lt;b&gt;bold&lt;/b&gt;"
                + " **x** [click](https://evil.example) `c` &amp;amp;</b>");
    assertThat(text.replaceAll("</?(b|i|code)>", "")).doesNotContain("<").doesNotContain(">");
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
