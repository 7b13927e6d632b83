package io.billhook.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import io.billhook.api.testing.ApiClient.Response;
import io.billhook.api.testing.ApiTest;
import io.billhook.api.testing.FreshVendor;
import io.billhook.api.testing.LocalReceiver;
import io.billhook.core.testing.Node;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The embedded default, booted whole (REST API, workers, in-process Temporal, embedded PostgreSQL),
 * delivers real events to a local receiver that verifies both signatures.
 */
@ApiTest
class EmbeddedDefaultEndToEndTest {
  @RegisterExtension final FreshVendor vendor = new FreshVendor("e2e");
  @RegisterExtension final LocalReceiver receiver = new LocalReceiver();

  @Test
  void deliversAReportedEventSignedTwiceAndShowsItsAttempts() throws Exception {
    receiver.enqueue(new MockResponse.Builder().code(200).body("thanks").build());
    JsonNode endpoint = createEndpoint("[\"payment.received\"]");
    String secret = endpoint.path("secret").asText();

    Response accepted =
        vendor.post(
            "/events",
            "{\"id\":\"evt_e2e_1\",\"type\":\"payment.received\","
                + "\"data\":{\"amount\":30.00,\"currency\":\"EUR\",\"note\":\"caf\\u00e9 \uD83D\uDCFA\",\"rate\":1.5e-7}}");

    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    assertThat(accepted.body())
        .startsWith("{\"id\":\"evt_e2e_1\",\"type\":\"payment.received\",\"timestamp\":\"")
        .endsWith(
            "\"data\":{\"amount\":30,\"currency\":\"EUR\",\"note\":\"café \uD83D\uDCFA\",\"rate\":1.5e-7}}");
    RecordedRequest delivery = receiver.takeRequest(20, TimeUnit.SECONDS);
    assertThat(delivery).as("no delivery arrived").isNotNull();
    String body = delivery.getBody().string(StandardCharsets.UTF_8);
    assertThat(body).isEqualTo(accepted.body());
    assertSignedForBothKindsOfReceiver(delivery, body, secret);
    assertThat(delivery.getHeaders().get("webhook-id")).isEqualTo("evt_e2e_1");

    JsonNode event = awaitStatus("evt_e2e_1", "succeeded");
    JsonNode attempt = event.path("deliveries").get(0).path("attempts").get(0);
    assertThat(attempt.path("statusCode").asInt()).isEqualTo(200);
    assertThat(attempt.path("attempt").asInt()).isEqualTo(1);
    assertThat(attempt.path("responseExcerpt").asText()).isEqualTo("thanks");
  }

  @Test
  void theSameIdTwiceIsDeliveredOnceAndAnsweredWithTheOriginal() throws Exception {
    receiver.enqueue(new MockResponse.Builder().code(200).build());
    createEndpoint("[\"*\"]");
    String report = "{\"id\":\"evt_twice\",\"type\":\"invoice.paid\",\"data\":{\"n\":1}}";

    Response first = vendor.post("/events", report);
    Response second =
        vendor.post(
            "/events", "{\"id\":\"evt_twice\",\"type\":\"invoice.paid\",\"data\":{\"n\":2}}");

    assertThat(first.status()).isEqualTo(202);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body()).isEqualTo(first.body());
    awaitStatus("evt_twice", "succeeded");
    assertThat(receiver.takeRequest(1, TimeUnit.SECONDS)).isNotNull();
    assertThat(receiver.takeRequest(2, TimeUnit.SECONDS)).isNull();
    JsonNode listed = vendor.get("/events?type=invoice.paid&status=succeeded").json();
    assertThat(listed.path("data")).hasSize(1);
    assertThat(listed.path("data").get(0).path("id").asText()).isEqualTo("evt_twice");
    assertThat(listed.path("data").get(0).has("deliveries")).isFalse();
    assertThat(vendor.get("/events?status=failed").json().path("data")).isEmpty();
  }

  @Test
  void theTestActionSendsAWebhookTestToThatEndpointOnly() throws Exception {
    MockWebServer other = new MockWebServer();
    other.start();
    try {
      receiver.enqueue(new MockResponse.Builder().code(200).build());
      String id = createEndpoint("[\"*\"]").path("id").asText();
      vendor.post("/endpoints", "{\"url\":\"" + other.url("/other") + "\",\"events\":[\"*\"]}");

      Response sent = vendor.post("/endpoints/" + id + "/test", "");

      assertThat(sent.status()).isEqualTo(202);
      RecordedRequest delivery = receiver.takeRequest(20, TimeUnit.SECONDS);
      assertThat(delivery.getHeaders().get("X-Webhook-Event")).isEqualTo("webhook.test");
      assertThat(other.takeRequest(2, TimeUnit.SECONDS)).isNull();
      JsonNode log = vendor.get("/endpoints/" + id + "/attempts").json();
      assertThat(log.path("data").get(0).path("eventId").asText())
          .isEqualTo(sent.json().path("id").asText());
    } finally {
      other.close();
    }
  }

  @Test
  void afterARotationTheOldSecretStillVerifies() throws Exception {
    receiver.enqueue(new MockResponse.Builder().code(200).build());
    JsonNode endpoint = createEndpoint("[\"*\"]");
    String oldSecret = endpoint.path("secret").asText();
    String newSecret =
        vendor
            .post("/endpoints/" + endpoint.path("id").asText() + "/rotate-secret", "")
            .json()
            .path("secret")
            .asText();

    vendor.post("/events", "{\"type\":\"customer.created\",\"data\":{\"customerId\":\"c1\"}}");

    RecordedRequest delivery = receiver.takeRequest(20, TimeUnit.SECONDS);
    String body = delivery.getBody().string(StandardCharsets.UTF_8);
    assertThatCode(() -> new Webhook(newSecret).verify(body, headersOf(delivery)))
        .doesNotThrowAnyException();
    // X-Webhook-Signature carries the oldest secret still valid, so receivers that check it keep
    // working with the old secret through the overlap.
    assertSignedForBothKindsOfReceiver(delivery, body, oldSecret);
  }

  private JsonNode createEndpoint(String events) {
    Response created =
        vendor.post(
            "/endpoints", "{\"url\":\"" + receiver.url("/hook") + "\",\"events\":" + events + "}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json();
  }

  private JsonNode awaitStatus(String eventId, String status) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    JsonNode event;
    do {
      event = vendor.get("/events/" + eventId).json();
      if (status.equals(event.path("status").asText())) {
        return event;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("event " + eventId + " never became " + status + ": " + event);
  }

  /** The official Standard Webhooks verifier, and an Express-style hex HMAC over JSON.stringify. */
  private static void assertSignedForBothKindsOfReceiver(
      RecordedRequest delivery, String body, String secret) throws Exception {
    assertThatCode(() -> new Webhook(secret).verify(body, headersOf(delivery)))
        .doesNotThrowAnyException();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expressStyle =
        java.util.HexFormat.of()
            .formatHex(mac.doFinal(Node.stringifyParsed(body).getBytes(StandardCharsets.UTF_8)));
    assertThat(delivery.getHeaders().get("X-Webhook-Signature")).isEqualTo(expressStyle);
  }

  private static Map<String, List<String>> headersOf(RecordedRequest request) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(request.getHeaders().toMultimap());
    return headers;
  }
}
