package io.billhook.core.delivery;

import java.net.URI;

/**
 * A URL as it may appear in logs, summaries and failure messages: no credentials, query or
 * fragment, which may carry a receiver's tokens.
 */
public final class RedactedUrl {
  private RedactedUrl() {}

  public static String of(String url) {
    try {
      URI uri = URI.create(url);
      String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      return uri.getScheme() + "://" + uri.getHost() + port + path;
    } catch (IllegalArgumentException e) {
      return "(invalid url)";
    }
  }
}
