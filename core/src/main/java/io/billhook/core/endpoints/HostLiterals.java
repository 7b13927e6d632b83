package io.billhook.core.endpoints;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises IP literals in hosts. Only the unambiguous forms are accepted: four decimal parts
 * without leading zeros, or a bracketed/colon IPv6 address. Forms like {@code 2130706433}, {@code
 * 127.1}, {@code 0x7f.1} or {@code 0177.0.0.1} are refused because Java, glibc, OkHttp and browsers
 * disagree on what they mean (Java reads {@code 0177.0.0.1} as 177.0.0.1, glibc as 127.0.0.1), so
 * whatever we judged might not be what gets connected to.
 */
final class HostLiterals {

  private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
  private static final Pattern DOTTED_QUAD = Pattern.compile("(?:" + OCTET + "\\.){3}" + OCTET);

  // The WHATWG URL rule: a host whose last label is a number is an IPv4 address, never a name.
  private static final Pattern NUMERIC_LABEL =
      Pattern.compile("\\d+|0x[0-9a-f]*", Pattern.CASE_INSENSITIVE);

  private HostLiterals() {}

  /**
   * Returns the address when {@code host} is an IP literal, empty when it is a host name.
   *
   * @throws RefusedUrlException when it looks like an IP address but is not a standard one
   */
  static Optional<InetAddress> parse(String host) {
    if (host.startsWith("[") || host.contains(":")) {
      return Optional.of(parseIpv6(host.startsWith("[") ? host : "[" + host + "]"));
    }
    String withoutRootDot = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    String lastLabel = withoutRootDot.substring(withoutRootDot.lastIndexOf('.') + 1);
    if (!NUMERIC_LABEL.matcher(lastLabel).matches()) {
      return Optional.empty();
    }
    if (!DOTTED_QUAD.matcher(host).matches()) {
      throw new RefusedUrlException(
          "url host "
              + host
              + " is not a standard IPv4 address; write it as four decimal numbers without"
              + " leading zeros (e.g. 203.0.113.10), or use a host name");
    }
    return Optional.of(byName(host)); // a strict dotted quad never triggers a DNS lookup
  }

  private static InetAddress parseIpv6(String bracketed) {
    if (bracketed.contains("%")) {
      throw new RefusedUrlException(
          "url host " + bracketed + " must not contain an IPv6 zone id (%...)");
    }
    // With brackets, InetAddress parses or fails; it never falls back to a DNS lookup.
    try {
      return InetAddress.getByName(bracketed.toLowerCase(Locale.ROOT));
    } catch (UnknownHostException e) {
      throw new RefusedUrlException("url host " + bracketed + " is not a valid IPv6 address");
    }
  }

  private static InetAddress byName(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a checked IP literal did not parse: " + literal, e);
    }
  }
}
