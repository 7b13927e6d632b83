package io.billhook.api.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billhook.api.testing.ApiClient;
import io.billhook.api.testing.ApiClient.Response;
import io.billhook.api.testing.ApiTest;
import io.billhook.api.testing.FreshVendor;
import io.billhook.api.testing.LocalReceiver;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Resend, recover and stats through the API: the answers' shapes the console relies on, every
 * refusal in the caller's terms, and who may call them.
 */
@ApiTest
class OperationsApiTest {
  @RegisterExtension final FreshVendor vendor = new FreshVendor("ops");
  @RegisterExtension final LocalReceiver receiver = new LocalReceiver();
  @LocalServerPort int port;

  @Test
  void aResentEventArrivesAgainWithItsIdAndTheLogShowsASecondSeries() throws Exception {
    receiver.acceptNext(2);
    String endpoint = endpoint("[\"*\"]");
    String event = delivered();

    Response resent = onceSettled(() -> vendor.post("/events/" + event + "/resend", ""));

    assertThat(resent.status()).as(resent.body()).isEqualTo(202);
    assertThat(resent.json())
        .isEqualTo(json("{\"eventId\":\"" + event + "\",\"endpointIds\":[\"" + endpoint + "\"]}"));
    RecordedRequest again = receiver.takeRequest(20, TimeUnit.SECONDS);
    assertThat(again).isNotNull();
    assertThat(again.getHeaders().get("webhook-id")).isEqualTo(event);
    JsonNode log = awaitAttempts(endpoint, 2);
    assertThat(log.get(0).path("series").asInt()).isEqualTo(2);
    assertThat(log.get(1).path("series").asInt()).isEqualTo(1);
    assertThat(log.get(0).path("attempt").asInt()).isEqualTo(1);
  }

  @Test
  void recoverAndStatsAnswerTheirShapes() throws Exception {
    receiver.acceptNext(1);
    String endpoint = endpoint("[\"*\"]");
    delivered();
    String since = Instant.now().minus(Duration.ofHours(1)).toString();

    Response recovered = vendor.post("/endpoints/" + endpoint + "/recover", since(since));
    Response stats = vendor.get("/endpoints/" + endpoint + "/stats?since=" + since);

    assertThat(recovered.status()).as(recovered.body()).isEqualTo(202);
    assertThat(recovered.json())
        .isEqualTo(
            json(
                "{\"resent\":0,\"skipped\":{\"purged\":0,\"stillBeingDelivered\":0},\"more\":false}"));
    assertThat(stats.status()).as(stats.body()).isEqualTo(200);
    JsonNode body = stats.json();
    assertThat(fields(body))
        .containsExactly(
            "endpointId",
            "since",
            "until",
            "deliveries",
            "attempts",
            "successRate",
            "latencyMs",
            "failingSince");
    assertThat(body.path("deliveries"))
        .isEqualTo(json("{\"delivered\":1,\"failed\":0,\"pending\":0}"));
    assertThat(body.path("attempts")).isEqualTo(json("{\"total\":1,\"succeeded\":1,\"failed\":0}"));
    assertThat(body.path("successRate").asDouble()).isEqualTo(1.0);
    assertThat(fields(body.path("latencyMs"))).containsExactly("p50", "p95");
    assertThat(body.path("failingSince").isNull()).isTrue();
    assertThat(vendor.get("/endpoints/" + endpoint + "/stats").status()).isEqualTo(200);
    String withOffset =
        OffsetDateTime.now(ZoneOffset.ofHours(2))
            .minusHours(1)
            .truncatedTo(ChronoUnit.SECONDS)
            .toString();
    assertThat(vendor.get("/endpoints/" + endpoint + "/stats?since=" + withOffset).status())
        .isEqualTo(200);
  }

  @Test
  void refusalsSayWhatToFix() {
    String endpoint = endpoint("[\"payment.failed\"]");
    String event = reported();
    String recover = "/endpoints/" + endpoint + "/recover";
    SoftAssertions softly = new SoftAssertions();
    List<Map.Entry<Response, Integer>> expected =
        List.of(
            Map.entry(vendor.post("/events/evt_none/resend", ""), 404),
            Map.entry(
                vendor.post("/events/" + event + "/resend", "{\"endpointId\":\"ep_none\"}"), 404),
            Map.entry(
                vendor.post(
                    "/events/" + event + "/resend", "{\"endpointId\":\"" + endpoint + "\"}"),
                409),
            Map.entry(vendor.post("/events/" + event + "/resend", "{\"endpointId\":\"\"}"), 400),
            Map.entry(vendor.post("/events/" + event + "/resend", "{\"endpointId\":7}"), 400),
            Map.entry(vendor.post("/events/" + event + "/resend", "{\"endpoint\":\"x\"}"), 400),
            Map.entry(vendor.post(recover, ""), 400),
            Map.entry(vendor.post(recover, "{}"), 400),
            Map.entry(vendor.post(recover, since("yesterday")), 400),
            Map.entry(vendor.post(recover, since("2026-03-29T14:32:00")), 400),
            Map.entry(vendor.post(recover, since(Instant.now().plusSeconds(3600).toString())), 400),
            Map.entry(
                vendor.post("/endpoints/ep_none/recover", since("2026-03-29T14:32:00Z")), 404),
            Map.entry(vendor.get("/endpoints/" + endpoint + "/stats?since=soon"), 400),
            Map.entry(vendor.get("/endpoints/ep_none/stats"), 404));
    expected.forEach(
        entry -> {
          Response response = entry.getKey();
          int status = entry.getValue();
          softly.assertThat(response.status()).as(response.body()).isEqualTo(status);
          softly.assertThat(response.contentType()).startsWith("application/problem+json");
          softly
              .assertThat(response.detail())
              .as(response.body())
              .isNotBlank()
              .doesNotContain("Exception");
        });
    softly.assertAll();
  }

  @Test
  void theAdminTokenAndTheVendorsOwnKeyMayCallThemAnotherVendorsKeyAndNoneMayNot() {
    receiver.acceptNext(10);
    String endpoint = endpoint("[\"*\"]");
    String event = delivered();
    String own = newKey(vendor.id());
    String other = newKey(vendor.id() + "-other");
    List<String[]> routes =
        List.of(
            new String[] {"GET", "/endpoints/" + endpoint + "/stats", null},
            new String[] {
              "POST", "/endpoints/" + endpoint + "/recover", since("2026-01-01T00:00:00Z")
            },
            new String[] {"POST", "/events/" + event + "/resend", "{}"});
    SoftAssertions softly = new SoftAssertions();
    for (String[] route : routes) {
      String what = route[0] + " " + route[1];
      softly.assertThat(send(route, null).status()).as(what).isEqualTo(401);
      softly.assertThat(send(route, other).status()).as(what).isEqualTo(403);
      softly.assertThat(onceSettled(() -> send(route, own)).status()).as(what).isBetween(200, 299);
      awaitSettled(event);
      softly
          .assertThat(onceSettled(() -> send(route, ApiClient.TOKEN)).status())
          .as(what)
          .isBetween(200, 299);
      awaitSettled(event);
    }
    softly.assertAll();
  }

  /** Sends {method, route, body} with the token given, or with no Authorization at all (null). */
  private Response send(String[] route, String token) {
    ApiClient api = new ApiClient(port, token == null ? "unused" : token);
    HttpRequest.Builder request =
        token == null
            ? HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + vendor.path() + route[1]))
                .header("Content-Type", "application/json")
            : api.request(vendor.path() + route[1]);
    return api.send(
        request.method(
            route[0],
            route[2] == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(route[2])));
  }

  private String endpoint(String events) {
    Response created =
        vendor.post(
            "/endpoints", "{\"url\":\"" + receiver.url("/hook") + "\",\"events\":" + events + "}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  /** Reports an event and waits for its delivery to have succeeded. */
  private String delivered() {
    String event = reported();
    awaitSettled(event);
    return event;
  }

  private String reported() {
    return vendor
        .post("/events", "{\"type\":\"payment.received\",\"data\":{}}")
        .json()
        .path("id")
        .asText();
  }

  /**
   * The answer once the event's last run has closed: until then a resend answers 409, "still being
   * delivered", as a console retrying a moment later would see.
   */
  private static Response onceSettled(java.util.function.Supplier<Response> call) {
    Response[] last = new Response[1];
    await(
        () -> {
          last[0] = call.get();
          return last[0].status() != 409 || !last[0].detail().contains("still being delivered");
        });
    return last[0];
  }

  private void awaitSettled(String event) {
    await(() -> !vendor.get("/events/" + event).json().path("status").asText().equals("pending"));
  }

  private JsonNode awaitAttempts(String endpoint, int count) {
    await(
        () ->
            vendor.get("/endpoints/" + endpoint + "/attempts").json().path("data").size() == count);
    return vendor.get("/endpoints/" + endpoint + "/attempts").json().path("data");
  }

  private static void await(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 20 s").isLessThan(deadline);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private String newKey(String vendorId) {
    Response created =
        vendor.api().post("/v1/vendors/" + vendorId + "/api-keys", "{\"name\":\"ops test\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("key").asText();
  }

  private static String since(String since) {
    return "{\"since\":\"" + since + "\"}";
  }

  private static JsonNode json(String text) {
    try {
      return io.billhook.api.testing.JsonBody.JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
