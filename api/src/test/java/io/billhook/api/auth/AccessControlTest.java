package io.billhook.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.api.auth.RawHttp.Response;
import io.billhook.api.testing.ApiClient;
import io.billhook.api.testing.ApiTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every route, under every spelling of its path and every method, with no token and with a wrong
 * one, over raw bytes to the real server: nothing answers 2xx, nothing shows a secret, and every
 * answer is a problem+json.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessControlTest {
  private static final String VENDOR = "authprobe";
  private static final String WRONG = "Bearer " + ApiClient.TOKEN.substring(1) + "x";
  private static final List<String> OTHER_METHODS =
      List.of("HEAD", "OPTIONS", "TRACE", "get", "PROPFIND");

  @LocalServerPort int port;
  private RawHttp http;
  private List<Probe> routes;
  private List<Probe> probes;

  /** One request to make: a route's own method and body, or another method on a route's path. */
  record Probe(String method, String path, String body) {}

  @BeforeAll
  void createAnEndpointAndAnEventForTheRoutesToRead() {
    http = new RawHttp(port);
    ApiClient api = new ApiClient(port);
    String base = "/v1/vendors/" + VENDOR;
    String endpoint =
        api.post(base + "/endpoints", "{\"url\":\"http://127.0.0.1:9/never\",\"events\":[\"*\"]}")
            .json()
            .path("id")
            .asText();
    String event =
        api.post(base + "/events", "{\"type\":\"payment.received\",\"data\":{}}")
            .json()
            .path("id")
            .asText();
    assertThat(endpoint).startsWith("ep_");
    assertThat(event).startsWith("evt_");
    routes = routes(base, base + "/endpoints/" + endpoint, event);
    probes = withOtherMethods(routes);
  }

  static List<Probe> routes(String base, String endpoint, String event) {
    String newEndpoint = "{\"url\":\"http://127.0.0.1:9/other\",\"events\":[\"*\"]}";
    return List.of(
        new Probe("POST", base + "/endpoints", newEndpoint),
        new Probe("GET", base + "/endpoints", null),
        new Probe("GET", endpoint, null),
        new Probe("PATCH", endpoint, "{\"enabled\":false}"),
        new Probe("GET", endpoint + "/secret", null),
        new Probe("POST", endpoint + "/rotate-secret", ""),
        new Probe("POST", endpoint + "/test", ""),
        new Probe("GET", endpoint + "/attempts", null),
        new Probe("POST", base + "/events", "{\"type\":\"payment.received\",\"data\":{}}"),
        new Probe("GET", base + "/events", null),
        new Probe("GET", base + "/events/" + event, null),
        new Probe("GET", "/v1/event-types", null),
        new Probe("GET", base + "/subscriptions/sub_1", null),
        new Probe("GET", base + "/trials/trial_1", null),
        new Probe("GET", base + "/settings", null),
        new Probe(
            "PUT",
            base + "/settings",
            "{\"trialExpiringLead\":\"PT72H\",\"renewalGrace\":\"PT24H\"}"),
        new Probe("POST", base + "/api-keys", "{\"name\":\"probe\"}"),
        new Probe("GET", base + "/api-keys", null),
        new Probe("DELETE", base + "/api-keys/key_none", null),
        // Last, so that the check with the valid token reads the endpoint before deleting it.
        new Probe("DELETE", endpoint, null));
  }

  /**
   * Each route, then HEAD, OPTIONS (as a CORS preflight), TRACE and unusual methods on its path.
   */
  private static List<Probe> withOtherMethods(List<Probe> routes) {
    List<Probe> all = new ArrayList<>(routes);
    Set<String> paths = new LinkedHashSet<>();
    routes.forEach(route -> paths.add(route.path()));
    for (String path : paths) {
      OTHER_METHODS.forEach(method -> all.add(new Probe(method, path, null)));
    }
    return all;
  }

  Stream<Spelling> spellings() {
    return Spelling.all().stream();
  }

  @Order(1)
  @ParameterizedTest(name = "{0}")
  @MethodSource("spellings")
  void noSpellingOfAnyRouteAnswersWithoutAValidToken(Spelling spelling) {
    SoftAssertions softly = new SoftAssertions();
    Map<String, Integer> outcomes = new TreeMap<>();
    for (Probe probe : probes) {
      for (String authorization : new String[] {null, WRONG}) {
        String target = spelling.target().apply(probe.path());
        Response response = send(probe, target, spelling, authorization);
        String what =
            probe.method()
                + " "
                + target
                + (authorization == null ? " (no token)" : " (wrong token)")
                + " answered:\n"
                + response.raw();
        softly.assertThat(response.status()).as(what).isBetween(400, 499);
        softly.assertThat(response.raw()).as(what).doesNotContain("whsec_");
        softly.assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        if (!probe.method().equals("HEAD")) {
          softly.assertThat(response.body()).as(what).contains("\"status\":" + response.status());
        }
        outcomes.merge(outcome(response), 1, Integer::sum);
      }
    }
    record(spelling, outcomes);
    softly.assertAll();
  }

  @Order(2)
  @Test
  void theValidTokenReachesEveryRouteOnItsPlainSpelling() {
    for (Probe probe : routes) {
      Response response =
          send(probe, probe.path(), Spelling.all().get(0), "Bearer " + ApiClient.TOKEN);
      assertThat(response.status())
          .as(probe.method() + " " + probe.path() + " answered:\n" + response.raw())
          .isNotIn(400, 401, 403, 405)
          .isLessThan(500);
      if (probe.path().endsWith("/secret")) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("whsec_");
      }
    }
  }

  private Response send(Probe probe, String target, Spelling spelling, String authorization) {
    Map<String, String> headers = new LinkedHashMap<>(spelling.headers());
    if (authorization != null) {
      headers.put("Authorization", authorization);
    }
    if (probe.body() != null) {
      headers.put("Content-Type", "application/json");
    }
    if (probe.method().equals("OPTIONS")) {
      headers.put("Origin", "http://console.example");
      headers.put("Access-Control-Request-Method", "GET");
      headers.put("Access-Control-Request-Headers", "authorization");
    }
    return http.send(probe.method(), target, spelling.version(), headers, probe.body());
  }

  private static String outcome(Response response) {
    String type = response.contentType();
    String kind =
        type.startsWith("application/problem+json")
            ? "problem"
            : type.isEmpty() ? "no type" : type.split(";")[0];
    return response.status() + " " + kind;
  }

  /** With -Dbillhook.access-report=FILE, one line per spelling: how often each answer came. */
  private static void record(Spelling spelling, Map<String, Integer> outcomes) {
    String file = System.getProperty("billhook.access-report");
    if (file == null) {
      return;
    }
    try {
      Files.writeString(
          Path.of(file),
          spelling.name() + " | " + outcomes + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
