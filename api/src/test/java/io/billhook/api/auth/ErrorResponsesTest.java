package io.billhook.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.api.auth.RawHttp.Response;
import io.billhook.api.testing.ApiClient;
import io.billhook.api.testing.ApiTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What callers see when access is refused or a request cannot be served: always problem+json with a
 * message in the caller's terms, never the server's or the framework's default pages.
 */
@ApiTest
class ErrorResponsesTest {
  private static final String VALID = "Bearer " + ApiClient.TOKEN;
  @LocalServerPort int port;
  private RawHttp http;

  @BeforeEach
  void setUp() {
    http = new RawHttp(port);
  }

  @Test
  void noTokenIsAskedForWithABearerChallenge() {
    Response response = get("/v1/event-types", null);
    assertProblem(response, 401);
    assertThat(response.headers().get("www-authenticate")).isEqualTo("Bearer");
    assertThat(response.body())
        .contains("send the API token as 'Authorization: Bearer <token>' (BILLHOOK_API_TOKEN)");
  }

  @Test
  void aWrongTokenIsCalledInvalid() {
    for (String wrong :
        new String[] {"Bearer nope", "bearer nope", "Bearer " + ApiClient.TOKEN + "x"}) {
      Response response = get("/v1/event-types", wrong);
      assertProblem(response, 401);
      assertThat(response.headers().get("www-authenticate"))
          .as(wrong)
          .isEqualTo("Bearer error=\"invalid_token\"");
      assertThat(response.body()).contains("the API token is not valid");
    }
  }

  @Test
  void anotherSchemeOrAnEmptyBearerCountsAsNoToken() {
    for (String header : new String[] {"Basic " + ApiClient.TOKEN, "Bearer", "Bearer   ", ""}) {
      Response response = get("/v1/event-types", header);
      assertProblem(response, 401);
      assertThat(response.headers().get("www-authenticate")).as(header).isEqualTo("Bearer");
    }
  }

  @Test
  void theSchemeNameIsCaseInsensitive() {
    assertThat(get("/v1/event-types", "bearer " + ApiClient.TOKEN).status()).isEqualTo(200);
  }

  @Test
  void healthIsTheOnlyOperationsRouteWithoutAToken() {
    Response health = get("/actuator/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"");
    assertProblem(get("/actuator/info", null), 401);
    assertProblem(get("/actuator", null), 401);
    assertProblem(get("/login", null), 401);
    assertProblem(send("POST", "/logout", null, Map.of(), ""), 401);
    assertThat(send("HEAD", "/actuator/health", null, Map.of(), null).status()).isEqualTo(401);
  }

  @Test
  void theErrorPathIsNoRoute() {
    assertProblem(get("/error", null), 401);
    assertProblem(get("/error", VALID), 404);
    assertProblem(send("POST", "/error", VALID, Map.of(), "{}"), 404);
  }

  @Test
  void anUnknownRouteIsA404Problem() {
    Response response = get("/v1/nothing-here", VALID);
    assertProblem(response, 404);
    assertThat(response.body()).contains("no such route; the API's routes are under /v1");
    assertProblem(get("/", VALID), 404);
  }

  @Test
  void aWrongMethodIsA405ProblemThatSaysWhichAreAllowed() {
    Response response = send("DELETE", "/v1/event-types", VALID, Map.of(), null);
    assertProblem(response, 405);
    assertThat(response.headers().get("allow")).contains("GET");
    assertThat(response.body()).contains("does not accept this HTTP method");
  }

  @Test
  void askingForAnythingButJsonIsA406Problem() {
    Response response = send("GET", "/v1/event-types", VALID, Map.of("Accept", "text/html"), null);
    assertProblem(response, 406);
    assertThat(response.body()).contains("accept application/json");
  }

  @Test
  void aBodyThatIsNotJsonIsA415Problem() {
    Response response =
        send(
            "PUT",
            "/v1/vendors/acme/settings",
            VALID,
            Map.of("Content-Type", "text/plain"),
            "trialExpiringLead=PT1H");
    assertProblem(response, 415);
    assertThat(response.body()).contains("Content-Type: application/json");
  }

  @Test
  void aPathTheFirewallRefusesIsA400ProblemEvenWithTheToken() {
    Response slash = get("/v1%2Fevent-types", VALID);
    assertProblem(slash, 400);
    assertThat(slash.body()).contains("encoded '/'").doesNotContain("rejected");
    assertProblem(get("/v1/vendors/acme/settings;x=1", VALID), 400);
    assertProblem(get("/v1/event-types%00", VALID), 400);
  }

  @Test
  void requestsTheServerCannotParseAreProblemsToo() {
    assertProblem(http.sendRaw("GARBAGE\r\n\r\n"), 400);
    assertProblem(http.sendRaw("GET /v1/event-types HTTP/1.1\r\n\r\n"), 400); // no Host
    assertProblem(http.sendRaw("GET /v1/event-types HTTP/9.9\r\nHost: x\r\n\r\n"), 505);
    assertProblem(http.sendRaw("GET /v1/event{s} HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
    assertClientError(get("/v1/" + "a".repeat(20_000), VALID));
    assertClientError(
        send("GET", "/v1/event-types", VALID, Map.of("X-Big", "b".repeat(20_000)), null));
  }

  /** The server-wide OPTIONS is answered by the HTTP server itself: an Allow header, no content. */
  @Test
  void optionsStarTellsNothingAboutTheApi() {
    Response response = http.sendRaw("OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(response.body()).isEmpty();
    assertThat(response.headers()).doesNotContainKey("content-type");
  }

  private Response get(String target, String authorization) {
    return send("GET", target, authorization, Map.of(), null);
  }

  private Response send(
      String method, String target, String authorization, Map<String, String> extra, String body) {
    Map<String, String> headers = new LinkedHashMap<>(extra);
    if (authorization != null) {
      headers.put("Authorization", authorization);
    }
    if (body != null) {
      headers.putIfAbsent("Content-Type", "application/json");
    }
    return http.send(method, target, "HTTP/1.1", headers, body);
  }

  private static void assertClientError(Response response) {
    assertThat(response.status()).as(response.raw()).isBetween(400, 499);
    assertProblem(response, response.status());
  }

  private static void assertProblem(Response response, int status) {
    assertThat(response.status()).as(response.raw()).isEqualTo(status);
    assertThat(response.contentType()).as(response.raw()).startsWith("application/problem+json");
    assertThat(response.body()).as(response.raw()).contains("\"status\":" + status);
  }
}
