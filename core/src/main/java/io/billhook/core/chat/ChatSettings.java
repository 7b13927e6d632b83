package io.billhook.core.chat;

import io.billhook.core.refusals.Refusal;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An endpoint's format and what goes with it: Telegram's chat, and the message template of any chat
 * format. {@link #apply} checks a create or update request against what the endpoint had.
 */
public record ChatSettings(ChatFormat format, String chatId, String template) {
  /** Telegram's chat: a numeric id (groups and channels are negative) or a public @channelname. */
  private static final Pattern CHAT_ID = Pattern.compile("-?\\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31}");

  public static final ChatSettings DEFAULT = new ChatSettings(ChatFormat.BILLHOOK, null, null);

  /** What a request asks for: each field null when not sent; an empty string clears a field. */
  public record Requested(String format, String chatId, String template) {}

  /**
   * The settings after {@code requested}, checked with the endpoint's resulting URL and headers.
   * When the format changes, a chat id or template that does not apply to the new format is
   * dropped; sending one with a format it does not apply to is refused.
   *
   * @param loopbackOpen whether the deployment opens loopback addresses (a local fake may then
   *     stand in for the platform's host)
   */
  public ChatSettings apply(
      Requested requested, String url, Map<String, String> headers, boolean loopbackOpen) {
    ChatFormat next = requested.format() == null ? format : ChatFormat.parse(requested.format());
    String nextChat = nextChatId(next, requested.chatId());
    String nextTemplate = nextTemplate(next, requested.template());
    if (next == ChatFormat.TELEGRAM && nextChat == null) {
      throw Refusal.invalid(
          "chatId is required for telegram: the chat's numeric id (e.g. -1001234567890) or a"
              + " public channel's @channelname");
    }
    if (next.isChat() && headers != null && !headers.isEmpty()) {
      throw Refusal.invalid(
          "headers are not sent to " + next + "; remove them (\"headers\": {}) to use this format");
    }
    ChatUrls.check(next, url, loopbackOpen);
    return new ChatSettings(next, nextChat, nextTemplate);
  }

  private String nextChatId(ChatFormat next, String requested) {
    if (requested == null) {
      return next == ChatFormat.TELEGRAM ? chatId : null;
    }
    if (requested.isEmpty()) {
      return null;
    }
    if (next != ChatFormat.TELEGRAM) {
      throw Refusal.invalid(
          "chatId applies to the telegram format only (this one is " + next + ")");
    }
    if (!CHAT_ID.matcher(requested).matches()) {
      throw Refusal.invalid(
          "chatId must be a numeric chat id (e.g. -1001234567890) or a public channel's"
              + " @channelname (5 to 32 letters, digits and underscores)");
    }
    return requested;
  }

  private String nextTemplate(ChatFormat next, String requested) {
    if (requested == null) {
      return next.isChat() ? template : null;
    }
    if (requested.isEmpty()) {
      return null;
    }
    if (!next.isChat()) {
      throw Refusal.invalid(
          "template applies to the discord, slack and telegram formats only; billhook endpoints"
              + " get the signed envelope unchanged");
    }
    ChatTemplate.check(requested);
    return requested;
  }
}
