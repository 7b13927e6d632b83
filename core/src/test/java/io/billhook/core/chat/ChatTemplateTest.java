package io.billhook.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billhook.core.refusals.Refusal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Message templates: what parses, what is refused (and where), and what a render may reach. */
class ChatTemplateTest {
  private static final String ENVELOPE =
      "{\"id\":\"evt_1\",\"type\":\"subscription.created\",\"timestamp\":\"2026-12-03T10:00:00Z\","
          + "\"data\":{\"customerId\":\"cus_7\",\"items\":[1,2,3],"
          + "\"credentials\":{\"username\":\"ada\",\"password\":\"hunter2\"},"
          + "\"apiToken\":\"tok-s3cret\",\"nested\":{\"client_secret\":\"cs-s3cret\",\"ok\":\"fine\"}}}";

  @Test
  void aTemplateRendersTheEnvelopesFieldsAsPlainText() {
    assertThat(render("{{type}} for {{data.customerId}}{{#data.items}} #{{.}}{{/data.items}}"))
        .isEqualTo("subscription.created for cus_7 #1 #2 #3");
  }

  @Test
  void tripleMustacheAndAmpersandAreTheSameAsDoubleNoMarkupIsEverInterpreted() {
    assertThat(render("{{{data.customerId}}} {{&data.customerId}} {{data.customerId}}"))
        .isEqualTo("cus_7 cus_7 cus_7");
  }

  @Test
  void theWholeEnvelopeHoldsNoSecret() {
    assertThat(render("{{.}} {{data}} {{data.credentials}} {{data.credentials.password}}"))
        .contains("cus_7", "fine")
        .doesNotContain("hunter2", "tok-s3cret", "cs-s3cret", "password", "credentials");
  }

  @Test
  void aChatWebhooksTokenInTheDataIsMasked() {
    Map<String, Object> envelope =
        ScrubbedEnvelope.of(
            "{\"type\":\"endpoint.disabled\",\"data\":{\"url\":"
                + "\"https://discord.com/api/webhooks/1/tok-s3cret\"}}");

    assertThat(ChatTemplate.render("{{data.url}}", envelope))
        .contains("https://discord.com/api/webhooks/1/***");
  }

  @Test
  void aMissingFieldRendersEmpty() {
    assertThat(render("[{{data.nothing}}][{{data.customerId.deeper}}]")).isEqualTo("[][]");
  }

  @Test
  void javaObjectsAreNotReachable() {
    assertThat(render("[{{data.class}}][{{data.customerId.bytes}}][{{data.items.size}}]"))
        .isEqualTo("[][][]");
  }

  @Test
  void hugeOutputIsCutAndARepetitionBombGivesUp() {
    String big = "{{#data.items}}" + "{{.}}".repeat(300) + "{{/data.items}}";
    String bomb =
        "{{#data.items}}".repeat(8) + "x" + "{{/data.items}}".repeat(8); // 3^8 = 6561 repetitions

    assertThat(ChatTemplate.render(big.repeat(10), envelope()).orElseThrow())
        .hasSize(ChatTemplate.MAX_OUTPUT);
    assertThat(ChatTemplate.render(bomb, envelope())).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "Hello {{data.customerId | template does not parse at line 1, column 7: '{{' is never closed",
        "a\\nb {{#data.items}} | template does not parse at line 2, column 3: section 'data.items' is never closed",
        "{{/data.items}} | line 1, column 1: '{{/data.items}}' closes no open section",
        "{{#a}}{{/b}} | line 1, column 7: '{{/b}}' closes section 'a'",
        "{{> header}} | partials, parents and delimiter changes are not available",
        "{{< base}}{{/base}} | partials, parents and delimiter changes are not available",
        "{{=<% %>=}} | partials, parents and delimiter changes are not available",
        "{{}} | empty tag",
        "{{{data.x}} | '{{{' is never closed",
      })
  void aTemplateThatDoesNotParseIsRefusedSayingWhere(String template, String message) {
    assertThatThrownBy(() -> ChatTemplate.check(template.replace("\\n", "\n")))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining(message);
  }

  @Test
  void aTemplateIsBoundedAndText() {
    assertThatThrownBy(() -> ChatTemplate.check("x".repeat(ChatTemplate.MAX_LENGTH + 1)))
        .hasMessageContaining("at most 2000 characters");
    assertThatThrownBy(() -> ChatTemplate.check("a\u0000b"))
        .hasMessageContaining("no control characters");
    ChatTemplate.check("Line one\n\tLine two: {{data.customerId}} {{! a comment }}");
  }

  @Test
  void secretLookingNamesAreRecognisedWhateverTheirCase() {
    assertThat(List.of("password", "API_KEY", "accessToken", "client-secret", "pin", "Credentials"))
        .allMatch(ScrubbedEnvelope::isSecret);
    assertThat(List.of("customerId", "amount", "productName", "keyboard", "spinner"))
        .noneMatch(ScrubbedEnvelope::isSecret);
  }

  private static String render(String template) {
    ChatTemplate.check(template);
    return ChatTemplate.render(template, envelope()).orElseThrow();
  }

  private static Map<String, Object> envelope() {
    return ScrubbedEnvelope.of(ENVELOPE);
  }
}
