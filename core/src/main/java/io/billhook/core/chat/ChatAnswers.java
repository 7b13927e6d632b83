package io.billhook.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billhook.core.delivery.AttemptOutcome;
import java.time.Duration;
import java.util.Optional;

/**
 * What a chat platform's answer means for the delivery, beyond its status code:
 *
 * <ul>
 *   <li>429: wait what the platform asks before the next attempt (Discord's {@code retry_after} in
 *       seconds, a float, in the body; Telegram's {@code parameters.retry_after}; Slack's and
 *       Discord's {@code Retry-After} header), at most {@link #MAX_WAIT};
 *   <li>Telegram's {@code {"ok": false}}, whatever the status: a failed attempt;
 *   <li>400, 401, 403 and 404: the platform refuses this message or this destination (a bad chat
 *       id, a deleted webhook, a revoked token, a bot removed from its chat). Trying again sends
 *       the same request, so the delivery fails now instead of retrying for days.
 * </ul>
 */
public final class ChatAnswers {
  /** The longest wait a platform's 429 may set; the retry schedule caps it again at its own. */
  public static final Duration MAX_WAIT = Duration.ofHours(1);

  private static final ObjectMapper JSON = new ObjectMapper();

  private ChatAnswers() {}

  /**
   * The outcome of a response from a {@code format} destination, judged by the platform's rules.
   */
  public static AttemptOutcome judge(ChatFormat format, AttemptOutcome outcome) {
    if (outcome.statusCode() == 0) {
      return outcome;
    }
    JsonNode answer = parse(outcome.responseExcerpt());
    int code = outcome.statusCode();
    if (code == 429) {
      Optional<Duration> wait = bodyWait(answer).or(outcome::retryAfter).map(ChatAnswers::capped);
      return outcome.withRetry(outcome.error() + " (rate limited by " + format + ")", wait, false);
    }
    if (format == ChatFormat.TELEGRAM
        && answer.path("ok").isBoolean()
        && !answer.path("ok").asBoolean()) {
      String said = " (Telegram answered ok:false: " + description(answer) + ")";
      return outcome.withRetry(
          (outcome.error() == null ? "HTTP " + code : outcome.error()) + said,
          outcome.retryAfter(),
          isRefusal(code));
    }
    if (isRefusal(code)) {
      return outcome.withRetry(
          outcome.error()
              + " ("
              + format
              + " refused it; not retried: check the endpoint's URL"
              + (format == ChatFormat.TELEGRAM ? " and chatId" : "")
              + ")",
          outcome.retryAfter(),
          true);
    }
    return outcome;
  }

  private static boolean isRefusal(int code) {
    return code == 400 || code == 401 || code == 403 || code == 404;
  }

  /** Discord's top-level {@code retry_after}, Telegram's {@code parameters.retry_after}. */
  private static Optional<Duration> bodyWait(JsonNode answer) {
    JsonNode seconds = answer.path("retry_after");
    if (!seconds.isNumber()) {
      seconds = answer.path("parameters").path("retry_after");
    }
    if (!seconds.isNumber() || seconds.asDouble() < 0 || !Double.isFinite(seconds.asDouble())) {
      return Optional.empty();
    }
    return Optional.of(
        Duration.ofMillis((long) Math.ceil(Math.min(seconds.asDouble(), 1e7) * 1000)));
  }

  private static Duration capped(Duration wait) {
    return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
  }

  /** Telegram's description, and the chat to use instead when a group became a supergroup. */
  private static String description(JsonNode answer) {
    String text = answer.path("description").asText("no description");
    JsonNode moved = answer.path("parameters").path("migrate_to_chat_id");
    return (text.length() <= 120 ? text : text.substring(0, 120) + "...")
        + (moved.isIntegralNumber() ? "; set chatId to " + moved.asLong() : "");
  }

  private static JsonNode parse(String excerpt) {
    try {
      JsonNode node = excerpt == null ? null : JSON.readTree(excerpt);
      return node == null ? JSON.missingNode() : node;
    } catch (java.io.IOException | RuntimeException e) {
      return JSON.missingNode();
    }
  }
}
