package io.billhook.core.endpoints;

import io.billhook.core.endpoints.BlockedRanges.Kind;
import io.billhook.core.endpoints.BlockedRanges.Range;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides which endpoint URLs webhooks may be sent to, refusing SSRF targets (loopback, private,
 * link-local, cloud metadata, multicast and reserved addresses).
 *
 * <p>{@code allowPrivateNetworks} (the embedded default) opens the internal ranges (loopback,
 * private, link-local, ...) but not cloud metadata, multicast, broadcast or reserved addresses. The
 * allowlist opens any range it contains, except that a cloud metadata address is only opened by an
 * entry naming exactly that address, so allowlisting e.g. {@code fc00::/7} does not expose {@code
 * fd00:ec2::254}.
 */
public final class UrlPolicy {

  public static final int MAX_LENGTH = 2048;

  private static final String FIX =
      "endpoints must be publicly reachable (or allowlisted with BILLHOOK_ALLOWED_NETWORKS)";

  private final boolean allowPrivateNetworks;
  private final List<Cidr> allowlist;
  private final HostResolver resolver;

  public UrlPolicy(boolean allowPrivateNetworks, List<String> allowedNetworks) {
    this(allowPrivateNetworks, allowedNetworks, HostResolver.system());
  }

  /** Throws IllegalArgumentException if an allowlist entry is not an IP address or CIDR range. */
  public UrlPolicy(
      boolean allowPrivateNetworks, List<String> allowedNetworks, HostResolver resolver) {
    this.allowPrivateNetworks = allowPrivateNetworks;
    this.allowlist = allowedNetworks.stream().map(Cidr::parse).toList();
    this.resolver = resolver;
  }

  /**
   * Validates an endpoint URL and the addresses its host resolves to now, and returns it with
   * scheme and host lowercased and an empty path made "/". A host is refused if any of its
   * addresses is blocked, or if it does not resolve. Fragments are refused, not stripped.
   *
   * @throws RefusedUrlException with a message that says what to fix
   */
  public URI check(String url) {
    URI uri = UrlSyntax.parse(url);
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    Optional<InetAddress> literal = HostLiterals.parse(host);
    if (literal.isPresent()) {
      blockedReason(literal.get()).ifPresent(why -> refuseBlocked("url host %s is %s", host, why));
    } else {
      for (InetAddress address : resolve(host)) {
        blockedReason(address)
            .ifPresent(
                why ->
                    refuseBlocked(
                        "url host %s resolves to %s, %s", host, address.getHostAddress(), why));
      }
    }
    String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
    String path = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return URI.create(
        uri.getScheme().toLowerCase(Locale.ROOT) + "://" + host + port + path + query);
  }

  /** The address rule alone: false if the address is blocked and nothing opens it. */
  public boolean isAllowed(InetAddress address) {
    return blockedReason(address).isEmpty();
  }

  /**
   * Why the address is blocked (e.g. "a private address"), or empty if it is allowed. An IPv6
   * address that embeds an IPv4 address is judged as itself and as each address it embeds: every
   * one of them must be allowed or opened.
   */
  Optional<String> blockedReason(InetAddress address) {
    for (InetAddress candidate : BlockedRanges.candidates(address)) {
      Optional<Range> blocked = BlockedRanges.rangeOf(candidate);
      if (blocked.isPresent() && !opened(blocked.get().kind(), address, candidate)) {
        return Optional.of(blocked.get().label());
      }
    }
    return Optional.empty();
  }

  private boolean opened(Kind kind, InetAddress address, InetAddress candidate) {
    return kind == Kind.CLOUD_METADATA
        ? allowlisted(address, candidate, true)
        : allowlisted(address, candidate, false) || (kind == Kind.INTERNAL && allowPrivateNetworks);
  }

  HostResolver resolver() {
    return resolver;
  }

  /** The allowlist names the address itself, or the embedded address that was judged. */
  private boolean allowlisted(InetAddress address, InetAddress candidate, boolean exactOnly) {
    return allowlist.stream()
        .anyMatch(
            c ->
                (!exactOnly || c.isSingleAddress())
                    && (c.contains(address) || c.contains(candidate)));
  }

  private List<InetAddress> resolve(String host) {
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      addresses = List.of();
    }
    if (addresses.isEmpty()) {
      refuse(
          "url host " + host + " could not be resolved; check the host name and its DNS records");
    }
    return addresses;
  }

  private static void refuse(String message) {
    throw new RefusedUrlException(message);
  }

  private static void refuseBlocked(String format, Object... args) {
    refuse(format.formatted(args) + "; " + FIX);
  }
}
