package io.billhook.api.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.api.testing.ApiClient;
import io.billhook.api.testing.ApiClient.Response;
import io.billhook.api.testing.ApiTest;
import io.billhook.api.testing.CallersTerms;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The attacker's findings, against the whole stack (PostgreSQL included): refused, not stored. */
@ApiTest
class InputRefusalsApiTest {
  /** A report in ISO-8859-1: its "é" is not UTF-8. */
  private static final byte[] LATIN1 =
      "{\"type\":\"payment.received\",\"data\":{\"n\":\"caf\u00e9\"}}"
          .getBytes(StandardCharsets.ISO_8859_1);

  @LocalServerPort int port;
  private ApiClient api;
  private String vendor;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
    vendor = "/v1/vendors/in-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void aNulInADescriptionIsA400NotAServerError() {
    assertRefused(
        api.post(
            vendor + "/endpoints",
            "{\"url\":\"http://127.0.0.1:9/\",\"events\":[\"*\"],\"description\":\"a\\u0000b\"}"),
        400,
        "field 'description' contains a NUL character");
    String id = create();
    String before = api.get(vendor + "/endpoints/" + id).body();

    assertRefused(
        api.patch(vendor + "/endpoints/" + id, "{\"description\":\"\\u0000\"}"),
        400,
        "field 'description' contains a NUL character");
    assertThat(api.get(vendor + "/endpoints/" + id).body()).isEqualTo(before);
  }

  @Test
  void aNulInAnEventsDataIsA400AndNothingIsStored() {
    assertRefused(
        api.post(
            vendor + "/events", "{\"type\":\"payment.received\",\"data\":{\"n\":\"\\u0000\"}}"),
        400,
        "field 'data.n' contains a NUL character");
    assertNoEvents();
  }

  @Test
  void aReportInLatin1OrNotDeclaredAsJsonIsRefusedAndNotDelivered() {
    assertRefused(send(vendor + "/events", "application/json", LATIN1), 400, "not valid UTF-8");
    assertRefused(
        send(vendor + "/events", "application/json; charset=ISO-8859-1", LATIN1),
        415,
        "charset 'ISO-8859-1' is not supported");
    byte[] valid = "{\"type\":\"payment.received\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
    assertRefused(send(vendor + "/events", "text/plain", valid), 415, "Content-Type");
    assertRefused(send(vendor + "/events", null, valid), 415, "Content-Type is missing");
    assertNoEvents();
  }

  @Test
  void aKeyTwiceOrAnUnknownFieldCreatesNoEndpoint() {
    assertRefused(
        api.post(
            vendor + "/endpoints",
            "{\"url\":\"http://127.0.0.1:9/a\",\"events\":[\"*\"],\"url\":\"http://127.0.0.1:9/b\"}"),
        400,
        "duplicate field 'url'");
    assertRefused(
        api.post(
            vendor + "/endpoints",
            "{\"url\":\"http://127.0.0.1:9/\",\"events\":[\"*\"],\"secret\":\"whsec_mine\"}"),
        400,
        "unknown field 'secret'");
    assertRefused(
        api.post(vendor + "/endpoints", ""),
        400,
        "request body is required: a JSON object with url and events");
    assertThat(api.get(vendor + "/endpoints").json().path("data")).isEmpty();
  }

  @Test
  void anEnvelopeThatWouldBeOver256KibIsA413() {
    String report =
        "{\"type\":\"payment.received\",\"data\":{\"n\":[" + "1e20,".repeat(52_000) + "1]}}";
    assertThat(report.length()).isLessThan(256 * 1024);
    assertRefused(api.post(vendor + "/events", report), 413, "over the 256 KiB limit");
    assertNoEvents();
  }

  @Test
  void aRefusedLifecycleReportStartsNothingAndStoresNothing() {
    assertRefused(
        api.post(
            vendor + "/events",
            "{\"id\":\"evt_bad_end\",\"type\":\"subscription.cancelled\","
                + "\"data\":{\"subscriptionId\":\"s1\",\"currentPeriodEnd\":\"garbage\"}}"),
        400,
        "data.currentPeriodEnd must be an ISO-8601 instant");
    assertThat(api.get(vendor + "/events/evt_bad_end").status()).isEqualTo(404);
    assertRefused(
        api.post(
            vendor + "/events",
            "{\"type\":\"trial.started\",\"data\":{\"trialId\":\"t1\",\"customerId\":\"c1\","
                + "\"trialEnd\":\"+999999999-12-31T23:59:59Z\"}}"),
        400,
        "data.trialEnd must lie between");
    assertThat(api.get(vendor + "/trials/t1").status()).isEqualTo(404);
    assertNoEvents();
  }

  @Test
  void aChunkedReportOver256KibIsA413() {
    String big = "{\"type\":\"payment.received\",\"data\":{\"x\":\"" + "a".repeat(300_000) + "\"}}";
    HttpRequest.Builder chunked =
        api.request(vendor + "/events")
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))));
    assertRefused(api.send(chunked), 413, "256 KiB");
    assertNoEvents();
  }

  /** The vendor's event list answers, and is empty. */
  private void assertNoEvents() {
    Response events = api.get(vendor + "/events");
    assertThat(events.status()).as(events.body()).isEqualTo(200);
    assertThat(events.json().path("data")).isEmpty();
  }

  private String create() {
    Response created =
        api.post(vendor + "/endpoints", "{\"url\":\"http://127.0.0.1:9/\",\"events\":[\"*\"]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private Response send(String path, String contentType, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
            .header("Authorization", "Bearer " + ApiClient.TOKEN)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return api.send(request);
  }

  private static void assertRefused(Response response, int status, String detail) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.detail()).contains(detail);
    CallersTerms.assertPlain(response.detail());
  }
}
