package io.billhook.core.chat;

import io.billhook.core.refusals.Refusal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URL each chat platform documents for posting a message, and the token each carries (which
 * never leaves Billhook: {@link #masked}).
 *
 * <p>The host must be the platform's own, over https on the default port. Where the deployment
 * opens loopback addresses (the embedded default, tests) a loopback host stands in for it, so a
 * local fake can play the platform; the path must have the platform's shape either way.
 */
public final class ChatUrls {
  private static final Pattern DISCORD =
      Pattern.compile("/api(?:/v\\d{1,2})?/webhooks/(\\d{1,25})/([A-Za-z0-9_-]{1,128})");
  private static final Pattern SLACK =
      Pattern.compile("/services/([A-Za-z0-9]{1,32}/[A-Za-z0-9]{1,32})/([A-Za-z0-9]{1,64})");
  private static final Pattern TELEGRAM =
      Pattern.compile("/bot(\\d{1,20}):([A-Za-z0-9_-]{1,128})/sendMessage");
  private static final Pattern DISCORD_QUERY =
      Pattern.compile("(?:(?:wait=(?:true|false)|thread_id=\\d{1,25})&?){1,2}");
  private static final String MASK = "***";

  private ChatUrls() {}

  /**
   * Refuses (400) a URL that is not the documented shape for {@code format}: anything else,
   * credentials, fragments and unparsable URLs included, is refused with the shape it must have.
   */
  static void check(ChatFormat format, String url, boolean loopbackOpen) {
    if (!format.isChat() || url == null) {
      return;
    }
    if (!hasShape(format, url.strip(), loopbackOpen)) {
      throw Refusal.invalid(
          "url must be the " + format + " URL the platform gives you: " + example(format));
    }
  }

  private static boolean hasShape(ChatFormat format, String url, boolean loopbackOpen) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return false;
    }
    if (uri.getHost() == null
        || uri.getRawUserInfo() != null
        || uri.getRawFragment() != null
        || uri.getRawPath() == null) {
      return false;
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    boolean local = loopbackOpen && isLoopback(host);
    boolean platform =
        hosts(format).contains(host)
            && (uri.getPort() == -1 || uri.getPort() == 443)
            && "https".equalsIgnoreCase(uri.getScheme());
    return (local || platform)
        && pattern(format).matcher(uri.getRawPath()).matches()
        && queryAllowed(format, uri.getRawQuery());
  }

  /** The URL with a chat token in its path replaced by {@code ***}; other URLs unchanged. */
  public static String masked(String url) {
    if (url == null) {
      return null;
    }
    try {
      URI uri = new URI(url);
      String path = uri.getRawPath();
      if (path == null) {
        return url;
      }
      String maskedPath = maskedPath(path);
      if (maskedPath.equals(path)) {
        return url;
      }
      String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
      String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
      return uri.getScheme() + "://" + uri.getHost() + port + maskedPath + query;
    } catch (URISyntaxException e) {
      return url;
    }
  }

  /** The path with a Discord, Slack or Telegram token in it replaced by {@code ***}. */
  public static String maskedPath(String path) {
    for (Pattern pattern : List.of(DISCORD, SLACK, TELEGRAM)) {
      Matcher m = pattern.matcher(path);
      if (m.matches()) {
        return path.substring(0, m.start(2)) + MASK + path.substring(m.end(2));
      }
    }
    return path;
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost")
        || host.equals("[::1]")
        || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  private static boolean queryAllowed(ChatFormat format, String query) {
    return query == null
        || (format == ChatFormat.DISCORD && DISCORD_QUERY.matcher(query).matches());
  }

  private static Set<String> hosts(ChatFormat format) {
    return switch (format) {
      case DISCORD ->
          Set.of("discord.com", "discordapp.com", "ptb.discord.com", "canary.discord.com");
      case SLACK -> Set.of("hooks.slack.com");
      case TELEGRAM -> Set.of("api.telegram.org");
      case BILLHOOK -> Set.of();
    };
  }

  private static Pattern pattern(ChatFormat format) {
    return switch (format) {
      case DISCORD -> DISCORD;
      case SLACK -> SLACK;
      default -> TELEGRAM;
    };
  }

  private static String example(ChatFormat format) {
    return switch (format) {
      case DISCORD -> "https://discord.com/api/webhooks/<id>/<token> (or discordapp.com)";
      case SLACK -> "https://hooks.slack.com/services/<team>/<channel>/<token>";
      default -> "https://api.telegram.org/bot<token>/sendMessage, with the chat in chatId";
    };
  }
}
