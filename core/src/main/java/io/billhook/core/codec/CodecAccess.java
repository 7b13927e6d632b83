package io.billhook.core.codec;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Who may call the codec endpoint: a browser only from the Temporal UI's origins (compared exactly,
 * after normalising the configured ones), and without a token only in the embedded default from
 * this machine, where the dev server's UI has no way to send one.
 *
 * @param origins the Temporal UI's origins, e.g. {@code https://temporal.example.com}
 * @param loopbackTrusted whether a caller on a loopback address needs no token (the embedded
 *     default: Temporal, its UI and Billhook all on this machine)
 * @param namespace the one Temporal namespace whose payloads Billhook encrypts
 */
public record CodecAccess(List<String> origins, boolean loopbackTrusted, String namespace) {
  public CodecAccess {
    origins = origins.stream().map(CodecAccess::normalised).toList();
  }

  /** Whether a browser request with this {@code Origin} header is the Temporal UI's. */
  public boolean allowsOrigin(String origin) {
    return origin != null && origins.contains(origin);
  }

  /** {@code scheme://host[:port]}, lower case, without a default port, path or trailing slash. */
  static String normalised(String configured) {
    String trimmed = configured.strip();
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw refused(trimmed);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null
        || uri.getUserInfo() != null
        || uri.getQuery() != null
        || uri.getFragment() != null
        || !(uri.getRawPath() == null
            || uri.getRawPath().isEmpty()
            || uri.getRawPath().equals("/"))) {
      throw refused(trimmed);
    }
    int port = uri.getPort();
    boolean defaultPort =
        port == -1
            || (scheme.equals("http") && port == 80)
            || (scheme.equals("https") && port == 443);
    return scheme
        + "://"
        + uri.getHost().toLowerCase(Locale.ROOT)
        + (defaultPort ? "" : ":" + port);
  }

  private static IllegalStateException refused(String origin) {
    return new IllegalStateException(
        "BILLHOOK_TEMPORAL_UI_ORIGIN holds '"
            + origin
            + "', which is not an origin; expected scheme://host[:port], e.g."
            + " https://temporal.example.com");
  }
}
