package io.billhook.core.endpoints;

import static io.billhook.core.endpoints.UrlPolicyTest.fakeDns;
import static io.billhook.core.endpoints.UrlPolicyTest.literal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GuardedDnsTest {

  private final GuardedDns strict =
      new GuardedDns(
          new UrlPolicy(
              false,
              List.of(),
              fakeDns(
                  Map.of(
                      "webhooks.example.com", List.of("10.0.0.5"),
                      "mixed.example.com", List.of("10.0.0.5", "93.184.216.34", "::1"),
                      "public.example.com", List.of("93.184.216.34"),
                      "empty.example.com", List.of()))));

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void startServer() throws Exception {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void refusesHostThatResolvesOnlyToBlockedAddressesAndNamesThem() {
    assertThatThrownBy(() -> strict.lookup("webhooks.example.com"))
        .isInstanceOf(UnknownHostException.class)
        .hasMessage(
            "webhooks.example.com resolves only to blocked addresses: 10.0.0.5 (a private address)");
  }

  @Test
  void dropsBlockedAddressesAndKeepsThePublicOnes() throws Exception {
    assertThat(strict.lookup("mixed.example.com")).containsExactly(literal("93.184.216.34"));
    assertThat(strict.lookup("public.example.com")).containsExactly(literal("93.184.216.34"));
  }

  @Test
  void catchesDnsRebindingBetweenEndpointCreationAndConnecting() throws Exception {
    Deque<String> answers = new ArrayDeque<>(List.of("93.184.216.34", "127.0.0.1"));
    UrlPolicy policy = new UrlPolicy(false, List.of(), host -> List.of(literal(answers.pop())));
    GuardedDns dns = new GuardedDns(policy);

    assertThat(policy.check("https://rebind.example.com/hook")).isNotNull();
    assertThatThrownBy(() -> dns.lookup("rebind.example.com"))
        .isInstanceOf(UnknownHostException.class)
        .hasMessage(
            "rebind.example.com resolves only to blocked addresses: 127.0.0.1 (a loopback address)");
  }

  @Test
  void passesOnUnknownHostsAndEmptyAnswersAsUnknownHost() {
    assertThatThrownBy(() -> strict.lookup("nosuch.example.com"))
        .isInstanceOf(UnknownHostException.class);
    assertThatThrownBy(() -> strict.lookup("empty.example.com"))
        .isInstanceOf(UnknownHostException.class)
        .hasMessage("empty.example.com resolves to no addresses");
  }

  @Test
  void allowsPrivateAddressesWhenThePolicyDoes() throws Exception {
    GuardedDns dns =
        new GuardedDns(
            new UrlPolicy(
                true,
                List.of(),
                fakeDns(Map.of("internal.corp", List.of("10.0.0.5", "169.254.169.254")))));
    assertThat(dns.lookup("internal.corp")).containsExactly(literal("10.0.0.5"));
  }

  @ParameterizedTest(name = "refuses {0}")
  @ValueSource(
      strings = {
        "127.0.0.1",
        "::1",
        "::ffff:10.0.0.5",
        "169.254.169.254",
        "0x7f.1",
        "2130706433",
        "127.1"
      })
  void refusesBlockedAndOddIpLiteralsWithoutAskingDns(String host) {
    GuardedDns dns =
        new GuardedDns(
            new UrlPolicy(
                false,
                List.of(),
                h -> {
                  throw new AssertionError("resolved " + h);
                }));
    assertThatThrownBy(() -> dns.checkIpLiteral(host)).isInstanceOf(UnknownHostException.class);
    assertThatThrownBy(() -> dns.lookup(host)).isInstanceOf(UnknownHostException.class);
  }

  @Test
  void letsPublicIpLiteralsAndHostNamesThroughTheLiteralCheck() throws Exception {
    strict.checkIpLiteral("93.184.216.34");
    strict.checkIpLiteral("2606:4700:4700::1111");
    strict.checkIpLiteral("webhooks.example.com"); // judged by lookup() when OkHttp connects
    assertThatThrownBy(() -> strict.checkIpLiteral("10.0.0.5"))
        .hasMessage("10.0.0.5 is a blocked address (a private address)");
  }

  @Test
  void realOkHttpCallToLocalhostIsRefusedWhenPrivateNetworksAreNotAllowed() {
    OkHttpClient client = client(new UrlPolicy(false, List.of()));
    assertThatThrownBy(() -> call(client, url("localhost")))
        .isInstanceOf(UnknownHostException.class)
        .hasMessageStartingWith("localhost resolves only to blocked addresses: ")
        .hasMessageContaining("(a loopback address)");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void realOkHttpCallToIpLiteralIsRefusedBeforeConnecting() {
    OkHttpClient client = client(new UrlPolicy(false, List.of()));
    assertThatThrownBy(() -> call(client, url("127.0.0.1")))
        .isInstanceOf(UnknownHostException.class)
        .hasMessage("127.0.0.1 is a blocked address (a loopback address)");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void realOkHttpCallToLocalhostSucceedsWhenPrivateNetworksAreAllowed() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    OkHttpClient client = client(new UrlPolicy(true, List.of()));
    try (Response response = call(client, url("localhost"))) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.body().string()).isEqualTo("ok");
    }
    assertThat(server.takeRequest().getTarget()).isEqualTo("/hook");
  }

  @Test
  void realOkHttpCallToAnAllowedIpLiteralNeverAsksDns() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());
    OkHttpClient client =
        client(
            new UrlPolicy(
                true,
                List.of(),
                h -> {
                  throw new AssertionError("resolved " + h);
                }));
    try (Response response = call(client, url("127.0.0.1"))) {
      assertThat(response.code()).isEqualTo(200);
    }
  }

  private OkHttpClient client(UrlPolicy policy) {
    return new GuardedDns(policy).install(new OkHttpClient.Builder()).build();
  }

  private HttpUrl url(String host) {
    return new HttpUrl.Builder()
        .scheme("http")
        .host(host)
        .port(server.getPort())
        .addPathSegment("hook")
        .build();
  }

  private static Response call(OkHttpClient client, HttpUrl url) throws Exception {
    return client.newCall(new Request.Builder().url(url).build()).execute();
  }
}
