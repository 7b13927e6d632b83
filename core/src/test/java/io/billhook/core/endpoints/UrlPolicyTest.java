package io.billhook.core.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlPolicyTest {

  private static final String FIX =
      "endpoints must be publicly reachable (or allowlisted with BILLHOOK_ALLOWED_NETWORKS)";

  private static final HostResolver FAKE_DNS =
      fakeDns(
          Map.of(
              "webhooks.example.com", List.of("93.184.216.34", "2606:2800:220:1::34"),
              "internal.corp", List.of("10.0.0.5"),
              "half.example.com", List.of("93.184.216.34", "127.0.0.1"),
              "metadata.google.internal", List.of("169.254.169.254"),
              "localhost", List.of("127.0.0.1", "::1"),
              "empty.example.com", List.of()));

  private static final HostResolver NO_DNS = host -> fail("resolver must not be asked for " + host);

  private final UrlPolicy strict = new UrlPolicy(false, List.of(), FAKE_DNS);
  private final UrlPolicy embedded = new UrlPolicy(true, List.of(), FAKE_DNS);

  // --- syntax ---

  @Test
  void acceptsPublicHttpsUrlAndNormalizesSchemeAndHost() {
    assertThat(strict.check(" HTTPS://WebHooks.Example.com:8443/Billhook/In?x=1&y=%20 "))
        .isEqualTo(URI.create("https://webhooks.example.com:8443/Billhook/In?x=1&y=%20"));
    assertThat(strict.check("http://webhooks.example.com"))
        .isEqualTo(URI.create("http://webhooks.example.com/"));
  }

  @ParameterizedTest(name = "refuses {0}")
  @ValueSource(
      strings = {
        "ftp://webhooks.example.com/",
        "file:///etc/passwd",
        "gopher://x/",
        "webhooks.example.com/hook",
        "javascript:alert(1)"
      })
  void refusesSchemesOtherThanHttpAndHttps(String url) {
    assertRefused(strict, url, "url must use http or https");
  }

  @ParameterizedTest(name = "refuses {0}")
  @ValueSource(
      strings = {
        "http:///hook",
        "http:webhooks.example.com",
        "http://exa_mple.com/",
        "http://üni.example/"
      })
  void refusesUrlWithoutAValidHost(String url) {
    assertRefused(strict, url, "url must have a host");
  }

  @Test
  void refusesCredentialsInTheUrl() {
    assertRefused(
        strict,
        "https://user:secret@webhooks.example.com/",
        "url must not contain credentials (user:password@)");
    assertRefused(
        strict,
        "https://token@webhooks.example.com/",
        "url must not contain credentials (user:password@)");
  }

  @Test
  void refusesFragmentsRatherThanSilentlyStrippingThem() {
    assertRefused(
        strict,
        "https://webhooks.example.com/hook#section",
        "url must not contain a fragment (#...)");
  }

  @Test
  void refusesUrlsLongerThan2048Characters() {
    String base = "https://webhooks.example.com/";
    String exactly2048 = base + "a".repeat(2048 - base.length());
    assertThat(strict.check(exactly2048)).hasToString(exactly2048);
    assertRefused(strict, exactly2048 + "a", "url must be at most 2048 characters long");
  }

  @ParameterizedTest(name = "refuses {0}")
  @ValueSource(
      strings = {
        "https://webhooks.example.com:0/",
        "https://webhooks.example.com:65536/",
        "https://webhooks.example.com:99999/"
      })
  void refusesPortsOutsideOneTo65535(String url) {
    assertRefused(strict, url, "url port must be between 1 and 65535");
  }

  @Test
  void refusesMissingAndMalformedUrls() {
    assertRefused(strict, null, "url is required");
    assertRefused(strict, "  ", "url is required");
    assertRefused(strict, "https://web hooks.example.com/", "url is not a valid URL");
  }

  // --- targets ---

  @ParameterizedTest(name = "refuses {0} as {1}")
  @CsvSource({
    "0.0.0.0, an unspecified address",
    "0.255.255.255, an unspecified address",
    "10.0.0.0, a private address",
    "10.255.255.255, a private address",
    "100.64.0.0, a shared (carrier-grade NAT) address",
    "100.127.255.255, a shared (carrier-grade NAT) address",
    "127.0.0.1, a loopback address",
    "127.255.255.255, a loopback address",
    "169.254.0.1, a link-local address",
    "169.254.255.255, a link-local address",
    "169.254.169.254, a cloud metadata address",
    "169.254.170.2, a cloud metadata address",
    "100.100.100.200, a cloud metadata address",
    "172.16.0.0, a private address",
    "172.31.255.255, a private address",
    "192.0.0.0, a reserved (IETF protocol) address",
    "192.0.0.255, a reserved (IETF protocol) address",
    "192.168.0.0, a private address",
    "192.168.255.255, a private address",
    "198.18.0.0, a benchmarking address",
    "198.19.255.255, a benchmarking address",
    "224.0.0.1, a multicast address",
    "239.255.255.255, a multicast address",
    "240.0.0.1, a reserved address",
    "255.255.255.254, a reserved address",
    "255.255.255.255, the broadcast address"
  })
  void refusesEveryBlockedIpv4RangeAndNamesIt(String ip, String label) throws Exception {
    assertThat(allows(strict, ip)).isFalse();
    assertRefused(
        strict, "http://" + ip + ":8080/hook", "url host " + ip + " is " + label + "; " + FIX);
  }

  @ParameterizedTest(name = "allows {0}")
  @ValueSource(
      strings = {
        "1.1.1.1",
        "8.8.8.8",
        "9.255.255.255",
        "11.0.0.0",
        "100.63.255.255",
        "100.128.0.0",
        "126.255.255.255",
        "128.0.0.0",
        "169.253.255.255",
        "169.255.0.0",
        "172.15.255.255",
        "172.32.0.0",
        "192.0.1.0",
        "192.167.255.255",
        "192.169.0.0",
        "198.17.255.255",
        "198.20.0.0",
        "223.255.255.255"
      })
  void allowsPublicIpv4AddressesRightNextToBlockedRanges(String ip) throws Exception {
    assertThat(allows(strict, ip)).isTrue();
    assertThat(strict.check("https://" + ip + "/hook")).hasToString("https://" + ip + "/hook");
  }

  @ParameterizedTest(name = "refuses [{0}] as {1}")
  @CsvSource({
    "::, an unspecified address",
    "::1, a loopback address",
    "fc00::1, a private address",
    "fd12:3456::1, a private address",
    "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, a private address",
    "fe80::1, a link-local address",
    "febf:ffff::1, a link-local address",
    "fec0::1, a private (site-local) address",
    "ff02::1, a multicast address",
    "ff0e::101, a multicast address",
    "fd00:ec2::254, a cloud metadata address"
  })
  void refusesEveryBlockedIpv6RangeAndNamesIt(String ip, String label) throws Exception {
    assertThat(allows(strict, ip)).isFalse();
    assertRefused(strict, "http://[" + ip + "]/hook", " is " + label + "; ");
  }

  @ParameterizedTest(name = "allows [{0}]")
  @ValueSource(
      strings = {
        "2001:4860:4860::8888",
        "2606:4700:4700::1111",
        "fbff::1",
        "fe00::1",
        "64:ff9b::808:808",
        "::ffff:8.8.8.8",
        "2002:808:808::1",
        "::ffff:0:8.8.8.8",
        "2001:0:808:808::f7f7:f7f7",
        "2001:4860:1:2:0:5efe:808:808"
      })
  void allowsPublicIpv6AddressesAndPublicEmbeddedIpv4(String ip) throws Exception {
    assertThat(allows(strict, ip)).isTrue();
    assertThat(strict.check("https://[" + ip + "]/")).isNotNull();
  }

  @ParameterizedTest(name = "refuses [{0}] as {1}")
  @CsvSource({
    "::ffff:127.0.0.1, a loopback address", "::ffff:7f00:1, a loopback address",
    "::ffff:169.254.169.254, a cloud metadata address", "::ffff:10.0.0.5, a private address",
    "::127.0.0.1, a loopback address", "::a00:5, a private address",
    "64:ff9b::127.0.0.1, a loopback address", "64:ff9b::a9fe:a9fe, a cloud metadata address",
    "2002:c0a8:101::1, a private address"
  })
  void judgesMappedCompatibleNat64And6to4FormsByTheirIpv4(String ip, String label)
      throws Exception {
    assertRefused(strict, "http://[" + ip + "]/", " is " + label + "; ");
    // Java turns ::ffff:a.b.c.d into an IPv4 address, so also build the raw IPv6 form.
    Inet6Address raw =
        Inet6Address.getByAddress(
            null,
            InetAddress.getByName("[" + ip + "]").getAddress().length == 16
                ? InetAddress.getByName("[" + ip + "]").getAddress()
                : mapped(InetAddress.getByName(ip).getAddress()),
            -1);
    assertThat(strict.isAllowed(raw)).isFalse();
  }

  @ParameterizedTest(name = "refuses [{0}] as {1}")
  @CsvSource({
    // SIIT IPv4-translated (::ffff:0:0:0/96)
    "::ffff:0:127.0.0.1, a loopback address",
    "::ffff:0:a9fe:a9fe, a cloud metadata address",
    // NAT64 local-use prefix (64:ff9b:1::/48): translated by a local NAT64, refused as such
    "64:ff9b:1::7f00:1, a local-use NAT64 address",
    "64:ff9b:1:808:8:800::, a local-use NAT64 address",
    // NAT64 well-known prefix
    "64:ff9b::10.0.0.5, a private address",
    // 6to4 (2002::/16) embeds the IPv4 address of its relay
    "2002:7f00:1::, a loopback address",
    "2002:a9fe:a9fe::1, a cloud metadata address",
    // Teredo (2001::/32): the server, and the client stored inverted in the last 32 bits
    "2001:0:7f00:1::1, a loopback address",
    "2001:0:808:808::80ff:fffe, a loopback address",
    "2001:0:808:808:0:0:f5ff:fffa, a private address",
    // ISATAP interface ids carry an IPv4 address in any prefix
    "2001:4860:1:2:0:5efe:7f00:1, a loopback address",
    "2001:4860:1:2:200:5efe:a00:5, a private address",
    // IPv4-compatible (deprecated ::/96)
    "::169.254.169.254, a cloud metadata address",
    // documentation and discard-only ranges can never host a receiver
    "2001:db8::1, a documentation address",
    "100::1, a discard-only address"
  })
  void refusesEveryIpv6FormThatEmbedsOrReachesABlockedAddress(String ip, String label)
      throws Exception {
    assertRefused(strict, "http://[" + ip + "]/", " is " + label + "; ");
    InetAddress address = InetAddress.getByName("[" + ip + "]");
    assertThat(strict.isAllowed(address)).isFalse();
    // At connect time too: GuardedDns refuses the literal without asking DNS, and drops it from
    // a host name's answer.
    GuardedDns dns =
        new GuardedDns(
            new UrlPolicy(false, List.of(), fakeDns(Map.of("evil.example", List.of(ip)))));
    assertThatThrownBy(() -> dns.checkIpLiteral("[" + ip + "]"))
        .isInstanceOf(UnknownHostException.class)
        .hasMessageContaining(label);
    assertThatThrownBy(() -> dns.lookup("evil.example"))
        .isInstanceOf(UnknownHostException.class)
        .hasMessageContaining("resolves only to blocked addresses");
  }

  @ParameterizedTest(name = "refuses http://{0}/")
  @ValueSource(
      strings = {
        "2130706433",
        "017700000001",
        "0x7f000001",
        "0x7f.1",
        "127.1",
        "127.0.1",
        "0177.0.0.1",
        "0x7f.0.0.1",
        "127.0.0.01",
        "127.0.0.1.",
        "10.0.0.256",
        "1.2.3.4.5",
        "foo.0x10"
      })
  void refusesOddIpv4LiteralFormsWithoutAskingDns(String host) {
    UrlPolicy neverResolves = new UrlPolicy(true, List.of("0.0.0.0/0"), NO_DNS);
    assertRefused(
        neverResolves,
        "http://" + host + "/",
        "url host " + host + " is not a standard IPv4 address");
    assertRefused(
        neverResolves,
        "http://" + host + ":8080/",
        "url host " + host + " is not a standard IPv4 address");
  }

  @Test
  void refusesIpv6ZoneIds() {
    assertRefused(embedded, "http://[fe80::1%25eth0]/", "must not contain an IPv6 zone id");
  }

  @Test
  void refusesHostThatResolvesToAPrivateAddressAndSaysHowToFixIt() {
    assertRefused(
        strict,
        "https://internal.corp/hook",
        "url host internal.corp resolves to 10.0.0.5, a private address; " + FIX);
    assertRefused(
        strict,
        "https://metadata.google.internal/",
        "resolves to 169.254.169.254, a cloud metadata address");
  }

  @Test
  void refusesHostWhenAnyOfItsAddressesIsBlocked() {
    assertRefused(
        strict,
        "https://half.example.com/",
        "url host half.example.com resolves to 127.0.0.1, a loopback address");
  }

  @Test
  void refusesHostsThatDoNotResolve() {
    assertRefused(
        strict,
        "https://nosuch.example.com/",
        "url host nosuch.example.com could not be resolved; check the host name and its DNS records");
    assertRefused(
        strict, "https://empty.example.com/", "url host empty.example.com could not be resolved");
  }

  @Test
  void acceptsHostThatResolvesOnlyToPublicAddresses() {
    assertThat(strict.check("https://webhooks.example.com/in"))
        .hasToString("https://webhooks.example.com/in");
  }

  // --- opening ranges ---

  @Test
  void allowlistOpensAChosenIpv4RangeAndNothingElse() throws Exception {
    UrlPolicy policy = new UrlPolicy(false, List.of("10.1.0.0/16", "192.168.7.9"), FAKE_DNS);
    assertThat(policy.check("http://10.1.2.3/hook")).hasToString("http://10.1.2.3/hook");
    assertThat(allows(policy, "10.1.255.255")).isTrue();
    assertThat(allows(policy, "192.168.7.9")).isTrue();
    assertThat(allows(policy, "10.2.0.1")).isFalse();
    assertThat(allows(policy, "192.168.7.10")).isFalse();
    assertThat(allows(policy, "127.0.0.1")).isFalse();
    // Embedded forms of an allowlisted IPv4 address reach the same host, so they are open too.
    assertThat(allows(policy, "64:ff9b::10.1.2.3")).isTrue();
  }

  @Test
  void allowlistOpensAChosenIpv6Range() throws Exception {
    UrlPolicy policy = new UrlPolicy(false, List.of("fd12::/16", "fe80::42/128"), FAKE_DNS);
    assertThat(policy.check("http://[fd12:1::5]:9000/")).hasToString("http://[fd12:1::5]:9000/");
    assertThat(allows(policy, "fe80::42")).isTrue();
    assertThat(allows(policy, "fd13::5")).isFalse();
    assertThat(allows(policy, "fe80::43")).isFalse();
  }

  @Test
  void allowlistAcceptsMappedIpv6NotationForIpv4Ranges() throws Exception {
    UrlPolicy policy = new UrlPolicy(false, List.of("::ffff:10.0.0.0/104"), FAKE_DNS);
    assertThat(allows(policy, "10.9.9.9")).isTrue();
    assertThat(allows(policy, "11.0.0.0")).isTrue(); // public anyway
    assertThat(allows(policy, "172.16.0.1")).isFalse();
  }

  @ParameterizedTest(name = "refuses allowlist entry {0}")
  @ValueSource(
      strings = {
        "10.0.0.0/33",
        "fd12::/129",
        "10.0.0/8",
        "10.0.0.0/",
        "10.0.0.0/-1",
        "0177.0.0.1/8",
        "example.com",
        "",
        "::ffff:10.0.0.0/64",
        "10.0.0.0/8/8"
      })
  void refusesInvalidAllowlistEntriesAtStartup(String entry) {
    assertThatThrownBy(() -> new UrlPolicy(false, List.of(entry), FAKE_DNS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not an IP address or CIDR range");
  }

  @Test
  void allowPrivateNetworksAcceptsLocalReceivers() {
    assertThat(embedded.check("http://localhost:8080/hook"))
        .hasToString("http://localhost:8080/hook");
    assertThat(embedded.check("http://internal.corp/")).isNotNull();
  }

  @ParameterizedTest(name = "opens {0}")
  @ValueSource(
      strings = {
        "127.0.0.1",
        "::1",
        "10.0.0.5",
        "172.20.0.1",
        "192.168.1.1",
        "100.64.0.1",
        "169.254.1.1",
        "fd12::1",
        "fe80::1",
        "0.0.0.0",
        // embedded forms of a local address reach the same local host
        "::ffff:0:127.0.0.1",
        "64:ff9b:1::7f00:1"
      })
  void allowPrivateNetworksOpensLoopbackPrivateAndLinkLocal(String ip) throws Exception {
    assertThat(allows(embedded, ip)).isTrue();
  }

  @ParameterizedTest(name = "keeps {0} blocked")
  @ValueSource(
      strings = {
        // cloud metadata
        "169.254.169.254",
        "fd00:ec2::254",
        "169.254.170.2",
        "100.100.100.200",
        "64:ff9b::169.254.169.254",
        // 169.254.169.254 in the local-use NAT64 prefix at the /96, /48, /56 and /64 positions,
        // and in the SIIT, 6to4 and Teredo forms
        "64:ff9b:1::a9fe:a9fe",
        "64:ff9b:1:a9fe:a9:fe00::",
        "64:ff9b:1:a9:fe:a9fe::",
        "64:ff9b:1:0:a9:fea9:fe00:0",
        "::ffff:0:a9fe:a9fe",
        "2002:a9fe:a9fe::1",
        "2001:0:a9fe:a9fe::1",
        // multicast, broadcast and reserved
        "224.0.0.1",
        "255.255.255.255",
        "240.0.0.1",
        "ff02::1"
      })
  void allowPrivateNetworksKeepsMetadataMulticastBroadcastAndReservedBlocked(String ip)
      throws Exception {
    assertThat(allows(embedded, ip)).isFalse();
  }

  @Test
  void allowPrivateNetworksStillRefusesCloudMetadataUrls() {
    assertRefused(
        embedded,
        "http://169.254.169.254/latest/meta-data/",
        "url host 169.254.169.254 is a cloud metadata address");
    assertRefused(
        embedded,
        "http://metadata.google.internal/",
        "resolves to 169.254.169.254, a cloud metadata address");
  }

  @Test
  void cloudMetadataOpensOnlyForAnAllowlistEntryNamingExactlyThatAddress() throws Exception {
    UrlPolicy broad = new UrlPolicy(true, List.of("169.254.0.0/16", "fc00::/7"), FAKE_DNS);
    assertThat(allows(broad, "169.254.169.254")).isFalse();
    assertThat(allows(broad, "fd00:ec2::254")).isFalse();
    assertThat(allows(broad, "fd00:ec2::253")).isTrue();

    UrlPolicy exact =
        new UrlPolicy(false, List.of("169.254.169.254/32", "fd00:ec2::254"), FAKE_DNS);
    assertThat(exact.check("http://169.254.169.254/")).isNotNull();
    assertThat(allows(exact, "fd00:ec2::254")).isTrue();
    assertThat(allows(exact, "169.254.169.253")).isFalse();
  }

  private static void assertRefused(UrlPolicy policy, String url, String messagePart) {
    assertThatThrownBy(() -> policy.check(url))
        .isInstanceOf(RefusedUrlException.class)
        .hasMessageContaining(messagePart);
  }

  private static boolean allows(UrlPolicy policy, String ip) throws UnknownHostException {
    return policy.isAllowed(InetAddress.getByName(ip));
  }

  private static byte[] mapped(byte[] ipv4) {
    byte[] bytes = new byte[16];
    bytes[10] = (byte) 0xff;
    bytes[11] = (byte) 0xff;
    System.arraycopy(ipv4, 0, bytes, 12, 4);
    return bytes;
  }

  static HostResolver fakeDns(Map<String, List<String>> records) {
    return host -> {
      List<String> ips = records.get(host);
      if (ips == null) {
        throw new UnknownHostException(host);
      }
      return ips.stream().map(UrlPolicyTest::literal).toList();
    };
  }

  static InetAddress literal(String ip) {
    try {
      return InetAddress.getByName(ip.contains(":") ? "[" + ip + "]" : ip);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(ip, e);
    }
  }
}
