package io.billhook.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billhook.core.refusals.Refusal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a create or update may set as format, chatId and template, and which URLs go with them. */
class ChatSettingsTest {
  private static final String DISCORD = "https://discord.com/api/webhooks/123456/AbC-d_e";
  private static final String SLACK = "https://hooks.slack.com/services/T0001/B0001/XXXXXX";

  @Test
  void anUnknownFormatIsRefusedNamingTheAllowedOnes() {
    assertRefused(
        create("teams", null, null, DISCORD, true),
        "format must be one of billhook, discord, slack, telegram (got 'teams')");
  }

  @ParameterizedTest
  @CsvSource({
    "discord, https://discord.com/api/webhooks/123456/AbC-d_e",
    "discord, https://discordapp.com/api/webhooks/123456/AbC-d_e",
    "discord, https://discord.com/api/v10/webhooks/1/t?wait=true",
    "discord, https://DISCORD.com/api/webhooks/1/t",
    "slack, https://hooks.slack.com/services/T0001/B0001/XXXXXX",
  })
  void thePlatformsDocumentedUrlsAreAccepted(String format, String url) {
    assertThat(create(format, null, null, url, false).get().format().wireName()).isEqualTo(format);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://discord.com.evil/api/webhooks/1/t",
        "https://evil.com/discord.com/api/webhooks/1/t",
        "https://discord.com:8443/api/webhooks/1/t",
        "http://discord.com/api/webhooks/1/t",
        "https://discord.com./api/webhooks/1/t",
        "https://discord.com/api/webhooks/1/t/../../../users/@me",
        "https://discord.com/api/webhooks/1/t%2F..%2Fx",
        "https://discord.com/api/webhooks/1/t/slack",
        "https://discord.com/api/webhooks/1/t?wait=true&url=evil",
        "https://xn--discord-.com/api/webhooks/1/t",
        "https://discord.com@evil/api/webhooks/1/t",
        "https://user:pass@discord.com/api/webhooks/1/t",
        "https://discord.com/api/webhooks/1/t#x",
        "https://[::1]/api/webhooks/1/t",
        "not a url at all",
        "https://127.0.0.1/api/webhooks/1/t",
        "https://hooks.slack.com/services/T0001/B0001/XXXXXX",
      })
  void anythingElseIsRefusedForDiscord(String url) {
    assertRefused(
        create("discord", null, null, url, false),
        "url must be the discord URL the platform gives you: https://discord.com/api/webhooks/<id>/<token>");
  }

  @Test
  void aLoopbackFakeStandsInForThePlatformOnlyWhereLoopbackIsOpen() {
    String fake = "http://127.0.0.1:9999/api/webhooks/1/t";
    assertThat(create("discord", null, null, fake, true).get().format())
        .isEqualTo(ChatFormat.DISCORD);
    assertRefused(create("discord", null, null, fake, false), "url must be the discord URL");
    assertRefused(
        create("discord", null, null, "http://127.0.0.1:9999/hook", true),
        "url must be the discord URL");
  }

  private static final String TELEGRAM = "https://api.telegram.org/bot123:AAH-x_y/sendMessage";

  @Test
  void telegramNeedsAChatIdAndOnlyTelegramTakesOne() {
    assertRefused(
        create("telegram", null, null, TELEGRAM, false), "chatId is required for telegram");
    assertRefused(
        create("slack", "-100123", null, SLACK, false),
        "chatId applies to the telegram format only");
    assertRefused(
        create(null, "-100123", null, "https://example.com/hook", false), "chatId applies");
    assertThat(create("telegram", "-1001234567890", null, TELEGRAM, false).get().chatId())
        .isEqualTo("-1001234567890");
    assertThat(create("telegram", "@billing_news", null, TELEGRAM, false).get().chatId())
        .isEqualTo("@billing_news");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abc",
        "@ab",
        "12 34",
        "@chan;drop",
        "1e5",
        "-",
        "@" + "x",
        "123456789012345678901"
      })
  void aChatIdThatIsNeitherANumberNorAChannelNameIsRefused(String chatId) {
    assertRefused(
        create("telegram", chatId, null, TELEGRAM, false), "chatId must be a numeric chat id");
  }

  @Test
  void headersAreNotSentToChatsSoTheyAreRefused() {
    assertRefused(
        () ->
            ChatSettings.DEFAULT.apply(
                new ChatSettings.Requested("discord", null, null),
                DISCORD,
                Map.of("X-Api-Key", "k"),
                false),
        "headers are not sent to discord");
  }

  @Test
  void aTemplateIsForChatFormatsOnly() {
    assertRefused(
        create(null, null, "{{type}}", "https://example.com/hook", false),
        "template applies to the discord, slack and telegram formats only");
  }

  @Test
  void changingTheFormatDropsWhatNoLongerAppliesAndChecksTheStoredUrl() {
    ChatSettings telegram = new ChatSettings(ChatFormat.TELEGRAM, "42", "{{type}}");

    ChatSettings slack =
        telegram.apply(new ChatSettings.Requested("slack", null, null), SLACK, Map.of(), false);
    ChatSettings billhook =
        slack.apply(
            new ChatSettings.Requested("billhook", null, null),
            "https://x.example/h",
            Map.of(),
            false);

    assertThat(slack).isEqualTo(new ChatSettings(ChatFormat.SLACK, null, "{{type}}"));
    assertThat(billhook).isEqualTo(ChatSettings.DEFAULT);
    assertRefused(
        () ->
            telegram.apply(
                new ChatSettings.Requested("slack", null, null), TELEGRAM, Map.of(), false),
        "url must be the slack URL");
  }

  @Test
  void anEmptyTemplateClearsIt() {
    ChatSettings withTemplate = new ChatSettings(ChatFormat.DISCORD, null, "{{type}}");
    assertThat(
            withTemplate
                .apply(new ChatSettings.Requested(null, null, ""), DISCORD, Map.of(), false)
                .template())
        .isNull();
  }

  private static java.util.function.Supplier<ChatSettings> create(
      String format, String chatId, String template, String url, boolean loopbackOpen) {
    return () ->
        ChatSettings.DEFAULT.apply(
            new ChatSettings.Requested(format, chatId, template), url, Map.of(), loopbackOpen);
  }

  private static void assertRefused(
      java.util.function.Supplier<ChatSettings> settings, String message) {
    assertThatThrownBy(settings::get)
        .isInstanceOf(Refusal.class)
        .hasMessageContaining(message)
        .extracting(e -> ((Refusal) e).kind())
        .isEqualTo(Refusal.Kind.INVALID);
  }
}
