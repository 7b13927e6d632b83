package io.billhook.core.chat;

import io.billhook.core.refusals.Refusal;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What an endpoint is sent: the signed Billhook envelope, or a readable message in the shape one
 * chat platform's incoming webhook (or Telegram's Bot API) takes.
 */
public enum ChatFormat {
  BILLHOOK("billhook"),
  DISCORD("discord"),
  SLACK("slack"),
  TELEGRAM("telegram");

  private final String wireName;

  ChatFormat(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Whether the endpoint gets a chat message rather than the signed envelope. */
  public boolean isChat() {
    return this != BILLHOOK;
  }

  /** The format named {@code name}; null means the default, Billhook's envelope. */
  public static ChatFormat parse(String name) {
    if (name == null) {
      return BILLHOOK;
    }
    return Arrays.stream(values())
        .filter(f -> f.wireName.equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                Refusal.invalid(
                    "format must be one of "
                        + Arrays.stream(values())
                            .map(f -> f.wireName)
                            .collect(Collectors.joining(", "))
                        + " (got '"
                        + shown(name)
                        + "')"));
  }

  /** Enough of the caller's text to recognise it, without control characters. */
  private static String shown(String name) {
    String visible =
        name.codePoints()
            .limit(40)
            .map(c -> Character.isISOControl(c) ? '?' : c)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    return name.codePointCount(0, name.length()) > 40 ? visible + "..." : visible;
  }

  @Override
  public String toString() {
    return wireName;
  }
}
