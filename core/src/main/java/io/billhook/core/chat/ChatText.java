package io.billhook.core.chat;

import java.util.function.IntFunction;

/**
 * Escaping for each platform's markup, and fitting escaped text into a platform's limit without
 * cutting an escape in half.
 */
final class ChatText {
  /** Discord's markdown, mention and link characters; a backslash shows each as typed. */
  private static final String DISCORD_SPECIAL = "\\*_~`|<>[]()#@-:";

  private ChatText() {}

  static String discord(int c) {
    return DISCORD_SPECIAL.indexOf(c) >= 0 ? "\\" + Character.toString(c) : Character.toString(c);
  }

  /** Slack's control characters (mrkdwn and plain text alike): {@code & < >}. */
  static String slack(int c) {
    return switch (c) {
      case '&' -> "&amp;";
      case '<' -> "&lt;";
      case '>' -> "&gt;";
      default -> Character.toString(c);
    };
  }

  /** Telegram's HTML parse mode: {@code & < >} as entities. */
  static String html(int c) {
    return slack(c);
  }

  /** Shown as typed, nothing to escape (Telegram without a parse mode, Slack plain_text). */
  static String plain(int c) {
    return Character.toString(c);
  }

  /**
   * {@code text} escaped code point by code point, cut with "…" so that it is at most {@code max}
   * characters long (UTF-16 units, as the platforms count them); line breaks become spaces when
   * {@code oneLine}.
   */
  static String fit(String text, IntFunction<String> escape, int max, boolean oneLine) {
    StringBuilder out = new StringBuilder();
    int[] codePoints = text.codePoints().toArray();
    for (int i = 0; i < codePoints.length; i++) {
      int c = codePoints[i];
      if (oneLine && (c == '\n' || c == '\r')) {
        c = ' ';
      }
      String escaped = escape.apply(c);
      boolean last = i == codePoints.length - 1;
      if (out.length() + escaped.length() > (last ? max : max - 1)) {
        return out.append('…').toString();
      }
      out.append(escaped);
    }
    return out.toString();
  }
}
