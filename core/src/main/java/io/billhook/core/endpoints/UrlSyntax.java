package io.billhook.core.endpoints;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The syntax half of {@link UrlPolicy#check}: everything that needs no DNS. */
final class UrlSyntax {

  private UrlSyntax() {}

  static URI parse(String url) {
    String text = url == null ? "" : url.strip();
    if (text.isEmpty()) {
      refuse("url is required");
    }
    if (text.length() > UrlPolicy.MAX_LENGTH) {
      refuse("url must be at most " + UrlPolicy.MAX_LENGTH + " characters long");
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new RefusedUrlException("url is not a valid URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      refuse("url must use http or https");
    }
    String authority = uri.getRawAuthority();
    if (authority != null && authority.contains("@")) {
      refuse("url must not contain credentials (user:password@)");
    }
    if (uri.getHost() == null) {
      String bare = authority == null ? "" : authority.replaceFirst(":\\d*$", "");
      if (!bare.isEmpty() && !bare.contains(":") && !bare.startsWith("[")) {
        HostLiterals.parse(bare); // refuses 127.1 or 0x7f.1 with a message that says why
      }
      refuse(
          "url must have a host: a valid host name or IP address (internationalized names in"
              + " their xn-- form), e.g. https://webhooks.example.com/billhook");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      refuse("url port must be between 1 and 65535");
    }
    if (uri.getRawFragment() != null) {
      refuse("url must not contain a fragment (#...); fragments are never sent to the server");
    }
    return uri;
  }

  private static void refuse(String message) {
    throw new RefusedUrlException(message);
  }
}
