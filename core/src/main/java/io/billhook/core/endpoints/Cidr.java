package io.billhook.core.endpoints;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * An IPv4 or IPv6 range such as {@code 10.1.0.0/16} or {@code fd12::/16}; a bare IP is /32 or /128.
 */
final class Cidr {

  private final byte[] network;
  private final int prefix;

  private Cidr(byte[] network, int prefix) {
    this.network = network;
    this.prefix = prefix;
  }

  /** Host bits after the prefix are ignored, so {@code 10.1.2.3/16} means {@code 10.1.0.0/16}. */
  static Cidr parse(String text) {
    String trimmed = text.strip();
    int slash = trimmed.indexOf('/');
    String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
    InetAddress address;
    try {
      address = HostLiterals.parse(addressText).orElseThrow(() -> invalid(text));
    } catch (RefusedUrlException e) {
      throw invalid(text);
    }
    byte[] bytes = address.getAddress();
    int prefix = bytes.length * 8;
    if (slash >= 0) {
      String prefixText = trimmed.substring(slash + 1);
      if (!prefixText.matches("\\d{1,3}")) {
        throw invalid(text);
      }
      prefix = Integer.parseInt(prefixText);
      // Java turns ::ffff:a.b.c.d into an IPv4 address, so its IPv6 prefix must shrink with it.
      if (addressText.contains(":") && address instanceof Inet4Address) {
        prefix -= 96;
      }
      if (prefix < 0 || prefix > bytes.length * 8) {
        throw invalid(text);
      }
    }
    return new Cidr(bytes, prefix);
  }

  boolean isSingleAddress() {
    return prefix == network.length * 8;
  }

  boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length != network.length) {
      return false;
    }
    for (int bit = 0; bit < prefix; bit++) {
      int mask = 0x80 >>> (bit % 8);
      if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "allowed network '"
            + text
            + "' is not an IP address or CIDR range (e.g. 10.1.0.0/16, fd12::/16, 203.0.113.7)");
  }
}
