package io.billhook.core.endpoints;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The address ranges a webhook must not reach by default, each with a name for messages. */
final class BlockedRanges {

  enum Kind {
    /** Opened by allowPrivateNetworks (the embedded default) for receivers on this machine/LAN. */
    INTERNAL,
    /** Credentials live here; only an allowlist entry naming the exact address opens it. */
    CLOUD_METADATA,
    /** Can never host an HTTP receiver; only the allowlist opens it. */
    NOT_UNICAST
  }

  record Range(Cidr cidr, Kind kind, String label) {}

  // First match wins, so the specific entries come before the ranges that contain them.
  private static final List<Range> RANGES =
      List.of(
          range("169.254.169.254", Kind.CLOUD_METADATA, "a cloud metadata address"),
          range("169.254.170.2", Kind.CLOUD_METADATA, "a cloud metadata address"), // AWS ECS
          range("100.100.100.200", Kind.CLOUD_METADATA, "a cloud metadata address"), // Alibaba
          range("fd00:ec2::254", Kind.CLOUD_METADATA, "a cloud metadata address"), // AWS IPv6
          range("255.255.255.255", Kind.NOT_UNICAST, "the broadcast address"),
          range("0.0.0.0/8", Kind.INTERNAL, "an unspecified address"),
          range("10.0.0.0/8", Kind.INTERNAL, "a private address"),
          range("100.64.0.0/10", Kind.INTERNAL, "a shared (carrier-grade NAT) address"),
          range("127.0.0.0/8", Kind.INTERNAL, "a loopback address"),
          range("169.254.0.0/16", Kind.INTERNAL, "a link-local address"),
          range("172.16.0.0/12", Kind.INTERNAL, "a private address"),
          range("192.0.0.0/24", Kind.INTERNAL, "a reserved (IETF protocol) address"),
          range("192.168.0.0/16", Kind.INTERNAL, "a private address"),
          range("198.18.0.0/15", Kind.INTERNAL, "a benchmarking address"),
          range("224.0.0.0/4", Kind.NOT_UNICAST, "a multicast address"),
          range("240.0.0.0/4", Kind.NOT_UNICAST, "a reserved address"),
          range("::/128", Kind.INTERNAL, "an unspecified address"),
          range("::1/128", Kind.INTERNAL, "a loopback address"),
          range("fc00::/7", Kind.INTERNAL, "a private address"),
          range("fe80::/10", Kind.INTERNAL, "a link-local address"),
          range("fec0::/10", Kind.INTERNAL, "a private (site-local) address"),
          range("64:ff9b:1::/48", Kind.INTERNAL, "a local-use NAT64 address"),
          range("100::/64", Kind.NOT_UNICAST, "a discard-only address"),
          range("2001:db8::/32", Kind.NOT_UNICAST, "a documentation address"),
          range("ff00::/8", Kind.NOT_UNICAST, "a multicast address"));

  private BlockedRanges() {}

  /** The blocked range the address itself is in, ignoring what it embeds. */
  static Optional<Range> rangeOf(InetAddress address) {
    return RANGES.stream().filter(range -> range.cidr().contains(address)).findFirst();
  }

  /**
   * The address itself, then every IPv4 address embedded in it that a packet to it may reach, so
   * that each is judged: IPv4-mapped ({@code ::ffff:0:0/96}) and IPv4-compatible ({@code ::/96}),
   * SIIT IPv4-translated ({@code ::ffff:0:0:0/96}), NAT64 ({@code 64:ff9b::/96}; in the local-use
   * {@code 64:ff9b:1::/48} at every RFC 6052 position), 6to4 ({@code 2002::/16}), Teredo ({@code
   * 2001::/32}: server and client) and ISATAP interface ids ({@code ...:0:5efe:a.b.c.d}).
   */
  static List<InetAddress> candidates(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return List.of(address);
    }
    byte[] b = address.getAddress();
    List<InetAddress> found = new java.util.ArrayList<>();
    found.add(address);
    if (isZero(b, 0, 10) && ((b[10] == 0 && b[11] == 0) || (b[10] == -1 && b[11] == -1))) {
      found.add(ipv4(b, 12)); // IPv4-compatible, IPv4-mapped
    }
    if (isZero(b, 0, 8) && b[8] == -1 && b[9] == -1 && b[10] == 0 && b[11] == 0) {
      found.add(ipv4(b, 12)); // SIIT IPv4-translated
    }
    if (startsWith(b, 0x00, 0x64, 0xff, 0x9b) && isZero(b, 4, 12)) {
      found.add(ipv4(b, 12)); // NAT64 well-known prefix
    }
    if (startsWith(b, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) {
      found.addAll(rfc6052(b)); // NAT64 local-use prefix, any prefix length inside it
    }
    if (startsWith(b, 0x20, 0x02)) {
      found.add(ipv4(b, 2)); // 6to4
    }
    if (startsWith(b, 0x20, 0x01, 0x00, 0x00)) {
      found.add(ipv4(b, 4)); // Teredo server
      byte[] client = Arrays.copyOfRange(b, 12, 16);
      for (int i = 0; i < 4; i++) {
        client[i] = (byte) ~client[i]; // the client's address is stored inverted
      }
      found.add(ipv4(client, 0));
    }
    if ((b[8] & 0xfd) == 0 && b[9] == 0 && b[10] == 0x5e && b[11] == (byte) 0xfe) {
      found.add(ipv4(b, 12)); // ISATAP
    }
    return List.copyOf(found);
  }

  /** The IPv4 address at each position RFC 6052 allows for prefixes of /48, /56, /64 and /96. */
  private static List<InetAddress> rfc6052(byte[] b) {
    return List.of(
        ipv4(new byte[] {b[6], b[7], b[9], b[10]}, 0),
        ipv4(new byte[] {b[7], b[9], b[10], b[11]}, 0),
        ipv4(b, 9),
        ipv4(b, 12));
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static InetAddress ipv4(byte[] bytes, int offset) {
    try {
      return InetAddress.getByAddress(Arrays.copyOfRange(bytes, offset, offset + 4));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // impossible: four bytes are always a valid address
    }
  }

  private static Range range(String cidr, Kind kind, String label) {
    return new Range(Cidr.parse(cidr), kind, label);
  }
}
