package io.billhook.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.core.delivery.AttemptOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a platform's answer is judged: the wait it asks for, and what is not worth retrying. */
class ChatAnswersTest {

  @Test
  void aWaitInTheBodyWinsOverTheHeaderAndIsCappedAtAnHour() {
    assertThat(judge(ChatFormat.DISCORD, 429, "{\"retry_after\":0.25}", 5).retryAfter())
        .contains(Duration.ofMillis(250));
    assertThat(judge(ChatFormat.DISCORD, 429, "{\"retry_after\":86400}", null).retryAfter())
        .contains(ChatAnswers.MAX_WAIT);
    assertThat(judge(ChatFormat.SLACK, 429, "rate_limited", 30).retryAfter())
        .contains(Duration.ofSeconds(30));
    assertThat(judge(ChatFormat.TELEGRAM, 429, "{\"retry_after\":\"soon\"}", null).retryAfter())
        .isEmpty();
  }

  @Test
  void aGroupThatBecameASupergroupSaysWhichChatToUse() {
    AttemptOutcome judged =
        judge(
            ChatFormat.TELEGRAM,
            400,
            "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: group chat was"
                + " upgraded to a supergroup chat\",\"parameters\":{\"migrate_to_chat_id\":"
                + "-1001234567890}}",
            null);

    assertThat(judged.permanent()).isTrue();
    assertThat(judged.error()).contains("set chatId to -1001234567890");
  }

  @Test
  void serverErrorsAreRetriedAndSuccessIsSuccess() {
    assertThat(judge(ChatFormat.DISCORD, 502, "bad gateway", null).permanent()).isFalse();
    assertThat(judge(ChatFormat.SLACK, 200, "ok", null).succeeded()).isTrue();
    assertThat(judge(ChatFormat.TELEGRAM, 200, "{\"ok\":true}", null).succeeded()).isTrue();
    assertThat(judge(ChatFormat.TELEGRAM, 200, "{\"ok\":false}", null).succeeded()).isFalse();
  }

  private static AttemptOutcome judge(ChatFormat format, int code, String body, Integer header) {
    AttemptOutcome outcome =
        new AttemptOutcome(
            Instant.now(),
            "https://example.invalid/x",
            code,
            3,
            body,
            code < 300 ? null : "HTTP " + code,
            Optional.ofNullable(header).map(Duration::ofSeconds),
            false);
    return ChatAnswers.judge(format, outcome);
  }
}
