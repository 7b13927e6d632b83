package io.billhook.core.delivery;

import io.billhook.core.chat.ChatUrls;
import java.net.URI;

/**
 * A URL as it may appear in logs, summaries and failure messages: no credentials, query or
 * fragment, which may carry a receiver's tokens, and no chat platform's token in the path.
 */
public final class RedactedUrl {
  private RedactedUrl() {}

  public static String of(String url) {
    try {
      URI uri = URI.create(url);
      String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
      String path = uri.getRawPath() == null ? "" : ChatUrls.maskedPath(uri.getRawPath());
      return uri.getScheme() + "://" + uri.getHost() + port + path;
    } catch (IllegalArgumentException e) {
      return "(invalid url)";
    }
  }
}
