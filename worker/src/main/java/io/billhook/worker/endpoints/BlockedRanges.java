package io.billhook.worker.endpoints;

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
          range("ff00::/8", Kind.NOT_UNICAST, "a multicast address"));

  private BlockedRanges() {}

  static Optional<Range> classify(InetAddress address) {
    return candidates(address).stream()
        .flatMap(candidate -> RANGES.stream().filter(range -> range.cidr().contains(candidate)))
        .findFirst();
  }

  /**
   * The address itself, then the IPv4 address embedded in it, if any: IPv4-mapped and
   * IPv4-compatible (::/96), NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses all end up at that
   * IPv4 address, so they are judged by it.
   */
  static List<InetAddress> candidates(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return List.of(address);
    }
    byte[] b = address.getAddress();
    if (isZero(b, 0, 10) && ((b[10] == 0 && b[11] == 0) || (b[10] == -1 && b[11] == -1))) {
      return List.of(address, ipv4(b, 12));
    }
    if (b[0] == 0
        && b[1] == 0x64
        && b[2] == (byte) 0xff
        && b[3] == (byte) 0x9b
        && isZero(b, 4, 12)) {
      return List.of(address, ipv4(b, 12));
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return List.of(address, ipv4(b, 2));
    }
    return List.of(address);
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
