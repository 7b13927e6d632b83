package io.billhook.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.api.testing.ApiClient;
import io.billhook.api.testing.ApiClient.Response;
import io.billhook.api.testing.ApiTest;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every bad report gets a 4xx problem that says what to fix, and nothing is stored. */
@ApiTest
class EventInputValidationTest {
  @LocalServerPort int port;
  private ApiClient api;
  private String events;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
    events = "/v1/vendors/v" + UUID.randomUUID().toString().substring(0, 8) + "/events";
  }

  @Test
  void malformedJsonIsRefused() {
    assertRefused(api.post(events, "{\"type\": \"payment.received\", "), 400, "not valid JSON");
  }

  @Test
  void anEmptyBodyIsRefused() {
    assertRefused(api.post(events, ""), 400, "JSON object");
  }

  @Test
  void anUnknownTypeIsRefused() {
    assertRefused(
        api.post(events, "{\"type\":\"payment.teleported\",\"data\":{}}"),
        400,
        "unknown event type 'payment.teleported'");
  }

  @Test
  void timedTypesCannotBeReported() {
    assertRefused(
        api.post(events, "{\"type\":\"trial.expiring\",\"data\":{}}"),
        400,
        "produced by Billhook's own timers");
  }

  @Test
  void missingLifecycleDataIsNamed() {
    assertRefused(
        api.post(
            events,
            "{\"type\":\"trial.started\",\"data\":{\"trialId\":\"t1\",\"customerId\":\"c1\"}}"),
        400,
        "trial.started needs data.trialEnd");
  }

  @Test
  void aBadInstantIsRefused() {
    assertRefused(
        api.post(
            events,
            "{\"type\":\"subscription.created\",\"data\":{\"subscriptionId\":\"s1\","
                + "\"customerId\":\"c1\",\"currentPeriodEnd\":\"next tuesday\"}}"),
        400,
        "data.currentPeriodEnd must be an ISO-8601 instant");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "subscription.cancelled | \"garbage\"",
        "subscription.cancelled | 5",
        "subscription.cancelled | null",
        "subscription.suspended | \"garbage\"",
        "subscription.suspended | 5",
        "subscription.suspended | null"
      })
  void aBadOptionalPeriodEndIsRefused(String type, String periodEnd) {
    Response response =
        api.post(
            events,
            "{\"id\":\"evt_bad_end\",\"type\":\""
                + type
                + "\",\"data\":{\"subscriptionId\":\"s1\",\"currentPeriodEnd\":"
                + periodEnd
                + "}}");
    assertRefused(
        response,
        400,
        "data.currentPeriodEnd must be an ISO-8601 instant with an offset, such as"
            + " 2026-03-29T14:32:00Z");
    assertThat(api.get(events + "/evt_bad_end").status()).isEqualTo(404);
  }

  @Test
  void aTrialEndInTheYearNineHundredMillionIsRefusedAtOnce() {
    api.post(events, "{}"); // warms the path, so the timing below is the check's own
    long started = System.nanoTime();
    Response response =
        api.post(
            events,
            "{\"type\":\"trial.started\",\"data\":{\"trialId\":\"t1\",\"customerId\":\"c1\","
                + "\"trialEnd\":\"+999999999-12-31T23:59:59Z\"}}");
    long elapsedMs = (System.nanoTime() - started) / 1_000_000;

    assertRefused(
        response, 400, "data.trialEnd must lie between 2000-01-01T00:00:00Z and 5 years from now");
    assertThat(elapsedMs).isLessThan(1000);
    assertThat(api.get(events.replace("/events", "/trials/t1")).status()).isEqualTo(404);
  }

  @Test
  void aPeriodEndInTheYearTenThousandIsRefused() {
    assertRefused(
        api.post(
            events,
            "{\"type\":\"subscription.created\",\"data\":{\"subscriptionId\":\"s1\","
                + "\"customerId\":\"c1\",\"currentPeriodEnd\":\"+10000-01-01T00:00:00Z\"}}"),
        400,
        "data.currentPeriodEnd must lie between 2000-01-01T00:00:00Z and 5 years from now");
  }

  @ParameterizedTest
  @CsvSource({"0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z"})
  void aTimestampFarFromNowIsRefused(String timestamp) {
    assertRefused(
        api.post(
            events,
            "{\"type\":\"payment.received\",\"timestamp\":\"" + timestamp + "\",\"data\":{}}"),
        400,
        "timestamp must lie within the last 30 days and at most 5 minutes ahead");
  }

  @Test
  void aTimestampIsStoredToTheSecondInUtc() {
    Instant happened = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
    String sent =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'.999+14:00'")
            .format(happened.atOffset(ZoneOffset.ofHours(14)));
    Response response =
        api.post(
            events, "{\"type\":\"payment.received\",\"timestamp\":\"" + sent + "\",\"data\":{}}");

    assertThat(response.status()).as(response.body()).isEqualTo(202);
    assertThat(response.json().path("timestamp").asText()).isEqualTo(happened.toString());
  }

  @Test
  void anIntegerJavaScriptCannotHoldIsRefused() {
    assertRefused(
        api.post(
            events, "{\"type\":\"payment.received\",\"data\":{\"amount\":12345678901234567890}}"),
        400,
        "send it as a string");
  }

  @Test
  void missingDataIsRefused() {
    assertRefused(api.post(events, "{\"type\":\"payment.received\"}"), 400, "data is required");
  }

  @Test
  void unknownTopLevelFieldsAreRefused() {
    assertRefused(
        api.post(events, "{\"type\":\"payment.received\",\"dta\":{}}"),
        400,
        "unknown fields [dta]");
  }

  @Test
  void aBadEventIdIsRefused() {
    assertRefused(
        api.post(events, "{\"id\":\"has space\",\"type\":\"payment.received\",\"data\":{}}"),
        400,
        "id must be");
  }

  @Test
  void aBodyOver256KibIsTooLarge() {
    String big = "{\"type\":\"payment.received\",\"data\":{\"x\":\"" + "a".repeat(300_000) + "\"}}";
    assertRefused(api.post(events, big), 413, "256 KiB");
  }

  @Test
  void aChunkedBodyOver256KibIsTooLarge() {
    String big = "{\"type\":\"payment.received\",\"data\":{\"x\":\"" + "a".repeat(300_000) + "\"}}";
    HttpRequest.Builder chunked =
        api.request(events)
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(big.getBytes())));
    assertRefused(api.send(chunked), 413, "256 KiB");
  }

  @Test
  void aMissingTokenIsUnauthorized() {
    Response response =
        api.send(
            HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + events)).GET());
    assertRefused(response, 401, "Authorization: Bearer");
  }

  @Test
  void aWrongTokenIsUnauthorized() {
    Response response =
        api.send(api.request(events).setHeader("Authorization", "Bearer nope").GET());
    assertRefused(response, 401, "not valid");
  }

  @Test
  void anUnknownEventIsNotFound() {
    assertRefused(api.get(events + "/evt_nope"), 404, "no event evt_nope");
  }

  @Test
  void aBadVendorIdIsRefused() {
    assertRefused(api.get("/v1/vendors/not%20ok/events"), 400, "vendorId must be");
  }

  @Test
  void aBadStatusFilterIsRefused() {
    assertRefused(api.get(events + "?status=lost"), 400, "status must be one of");
  }

  @Test
  void aVendorWithNothingListsAsEmpty() {
    Response response = api.get(events);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("data")).isEmpty();
  }

  private void assertRefused(Response response, int status, String detail) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.detail()).contains(detail);
    // Changes nothing: the vendor still has no events.
    assertThat(api.get(events).json().path("data")).isEmpty();
  }
}
