package io.billhook.api.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billhook.api.testing.ApiClient.Response;
import io.billhook.api.testing.ApiTest;
import io.billhook.api.testing.FreshVendor;
import io.billhook.api.testing.LocalReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The embedded default with second-scale settings: timed events reach a local receiver on time, in
 * order, and inconsistent reports are refused without changing anything.
 */
@ApiTest
class LifecycleEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension final FreshVendor vendor = new FreshVendor("life");
  @RegisterExtension final LocalReceiver receiver = new LocalReceiver();

  @BeforeEach
  void setUp() throws Exception {
    receiver.acceptNext(20);
    assertThat(
            vendor
                .post(
                    "/endpoints", "{\"url\":\"" + receiver.url("/hook") + "\",\"events\":[\"*\"]}")
                .status())
        .isEqualTo(201);
    Response put =
        vendor.put("/settings", "{\"trialExpiringLead\":\"PT4S\",\"renewalGrace\":\"PT3S\"}");
    assertThat(put.status()).as(put.body()).isEqualTo(200);
  }

  @Test
  void aTrialWarnsThenExpiresOnTime() throws Exception {
    Instant trialEnd = Instant.now().plusSeconds(7).truncatedTo(ChronoUnit.SECONDS);
    Response started =
        report(
            "trial.started",
            "{\"trialId\":\"t1\",\"customerId\":\"c1\",\"productId\":\"p-hd\",\"trialEnd\":\""
                + trialEnd
                + "\"}");
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    assertThat(nextDelivery().path("type").asText()).isEqualTo("trial.started");

    JsonNode view = vendor.get("/trials/t1").json();
    assertThat(view.path("status").asText()).isEqualTo("trialing");
    assertThat(view.path("scheduled").get(0).path("type").asText()).isEqualTo("trial.expiring");

    JsonNode expiring = nextDelivery();
    assertThat(expiring.path("type").asText()).isEqualTo("trial.expiring");
    assertArrivedNear(trialEnd.minusSeconds(4));
    assertThat(expiring.path("data").path("productId").asText()).isEqualTo("p-hd");
    JsonNode expired = nextDelivery();
    assertThat(expired.path("type").asText()).isEqualTo("trial.expired");
    assertArrivedNear(trialEnd);
    assertThat(expired.path("data").path("reason").asText()).isEqualTo("trial_ended");
    assertThat(expired.path("timestamp").asText()).isEqualTo(trialEnd.toString());
    assertThat(vendor.get("/trials/t1").json().path("status").asText()).isEqualTo("expired");
  }

  @Test
  void aSubscriptionWithoutRenewalExpiresAfterTheGrace() throws Exception {
    Instant periodEnd = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
    assertThat(created("s1", periodEnd, null).status()).isEqualTo(202);
    nextDelivery();

    JsonNode expired = nextDelivery();

    assertThat(expired.path("type").asText()).isEqualTo("subscription.expired");
    assertArrivedNear(periodEnd.plusSeconds(3));
    assertThat(expired.path("data").path("reason").asText()).isEqualTo("not_renewed");
    JsonNode view = vendor.get("/subscriptions/s1").json();
    assertThat(view.path("status").asText()).isEqualTo("expired");
    assertThat(view.path("scheduled")).isEmpty();
  }

  @Test
  void aSettingsChangeMovesTheTimersOfRunningSubscriptions() throws Exception {
    vendor.put("/settings", "{\"renewalGrace\":\"PT24H\"}");
    Instant periodEnd = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
    created("s9", periodEnd, null);
    nextDelivery();
    assertThat(vendor.get("/subscriptions/s9").json().path("scheduled").get(0).path("at").asText())
        .isEqualTo(periodEnd.plus(Duration.ofHours(24)).toString());

    Response put = vendor.put("/settings", "{\"renewalGrace\":\"PT3S\"}");

    assertThat(put.json().path("trialExpiringLead").asText()).isEqualTo("PT4S");
    JsonNode expired = nextDelivery();
    assertThat(expired.path("type").asText()).isEqualTo("subscription.expired");
    assertArrivedNear(periodEnd.plusSeconds(3));
  }

  @Test
  void aConvertedTrialNeverExpires() throws Exception {
    Instant trialEnd = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
    report(
        "trial.started",
        "{\"trialId\":\"t2\",\"customerId\":\"c2\",\"trialEnd\":\"" + trialEnd + "\"}");
    created("s2", Instant.now().plus(Duration.ofDays(30)), "t2");

    JsonNode trial = vendor.get("/trials/t2").json();
    assertThat(trial.path("status").asText()).isEqualTo("converted");
    assertThat(trial.path("scheduled")).isEmpty();
    assertThat(nextDelivery().path("type").asText()).isEqualTo("trial.started");
    assertThat(nextDelivery().path("type").asText()).isEqualTo("subscription.created");
    // The expiring warning may have fired at once (lead 4 s > 6 s away is not yet due); nothing
    // after.
    RecordedRequest later;
    while ((later = receiver.takeRequest(8, TimeUnit.SECONDS)) != null) {
      assertThat(body(later).path("type").asText()).isNotEqualTo("trial.expired");
    }
  }

  @Test
  void inconsistentReportsAreRefusedAndChangeNothing() throws Exception {
    Instant end = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);

    Response unknown = renewed("evt_r0", "nope", end);
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
    assertThat(unknown.detail()).contains("report subscription.created first");

    created("s3", end, null);
    Response earlier = renewed("evt_r1", "s3", end.minus(Duration.ofDays(1)));
    assertThat(earlier.status()).as(earlier.body()).isEqualTo(409);
    assertThat(earlier.detail()).contains("must be later than the current period end");
    assertThat(vendor.get("/events/evt_r1").status()).isEqualTo(404);

    Response cancelled =
        vendor.post(
            "/events",
            "{\"id\":\"evt_c1\",\"type\":\"subscription.cancelled\",\"data\":{\"subscriptionId\":\"s3\",\"cancelAtPeriodEnd\":false}}");
    assertThat(cancelled.status()).isEqualTo(202);
    awaitStatus("s3", "expired");
    Response again =
        vendor.post(
            "/events",
            "{\"id\":\"evt_c2\",\"type\":\"subscription.cancelled\",\"data\":{\"subscriptionId\":\"s3\"}}");
    assertThat(again.status()).as(again.body()).isEqualTo(409);
    assertThat(again.detail()).contains("has expired");

    Response duplicateTrial =
        report(
            "trial.started",
            "{\"trialId\":\"t3\",\"customerId\":\"c\",\"trialEnd\":\"" + end + "\"}");
    Response secondStart =
        report(
            "trial.started",
            "{\"trialId\":\"t3\",\"customerId\":\"c\",\"trialEnd\":\"" + end + "\"}");
    assertThat(duplicateTrial.status()).isEqualTo(202);
    assertThat(secondStart.status()).isEqualTo(409);
  }

  @Test
  void aRepeatedReportIsAppliedOnce() {
    Instant end = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
    created("s4", end, null);
    Instant renewedEnd = end.plus(Duration.ofDays(30));

    assertThat(renewed("evt_same", "s4", renewedEnd).status()).isEqualTo(202);
    assertThat(renewed("evt_same", "s4", renewedEnd).status()).isEqualTo(200);

    JsonNode view = vendor.get("/subscriptions/s4").json();
    assertThat(view.path("currentPeriodEnd").asText()).isEqualTo(renewedEnd.toString());
  }

  @Test
  void aCancellationOrSuspensionWithABadPeriodEndIsRefusedAndChangesNothing() {
    Instant end = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
    created("s5", end, null);

    for (String type : new String[] {"subscription.cancelled", "subscription.suspended"}) {
      for (String periodEnd : new String[] {"\"garbage\"", "5", "null"}) {
        Response refused = withPeriodEnd("evt_bad", type, "s5", periodEnd);
        assertThat(refused.status())
            .as(type + " " + periodEnd + ": " + refused.body())
            .isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.detail())
            .isEqualTo(
                "data.currentPeriodEnd must be an ISO-8601 instant with an offset, such as"
                    + " 2026-03-29T14:32:00Z (date, time to the second, optional fraction, then Z"
                    + " or +hh:mm/-hh:mm)");
        assertThat(vendor.get("/events/evt_bad").status()).isEqualTo(404);
      }
    }

    JsonNode view = vendor.get("/subscriptions/s5").json();
    assertThat(view.path("status").asText()).isEqualTo("active");
    assertThat(view.path("currentPeriodEnd").asText()).isEqualTo(end.toString());
  }

  @Test
  void aCancellationWithAValidPeriodEndIsAccepted() {
    Instant end = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
    created("s6", end, null);

    Response cancelled = withPeriodEnd("evt_c6", "subscription.cancelled", "s6", "\"" + end + "\"");

    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(202);
    assertThat(vendor.get("/subscriptions/s6").json().path("status").asText())
        .isEqualTo("cancelled");
  }

  @Test
  void aRepeatedIdWithANowInvalidPeriodEndIsRefusedAndTheOriginalStands() {
    Instant end = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
    created("s7", end, null);
    String original = "\"" + end + "\"";
    assertThat(withPeriodEnd("evt_c7", "subscription.cancelled", "s7", original).status())
        .isEqualTo(202);

    // Validation comes before the idempotency lookup, as for every other bad field.
    Response repeat = withPeriodEnd("evt_c7", "subscription.cancelled", "s7", "\"garbage\"");

    assertThat(repeat.status()).as(repeat.body()).isEqualTo(400);
    assertThat(repeat.detail()).contains("data.currentPeriodEnd must be an ISO-8601 instant");
    JsonNode stored = vendor.get("/events/evt_c7").json();
    assertThat(stored.path("data").path("currentPeriodEnd").asText()).isEqualTo(end.toString());
    assertThat(vendor.get("/subscriptions/s7").json().path("status").asText())
        .isEqualTo("cancelled");
  }

  @Test
  void settingsAreValidated() {
    Response bad = vendor.put("/settings", "{\"renewalGrace\":\"tomorrow\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.detail()).contains("ISO-8601 duration");
    assertThat(vendor.get("/settings").json().path("renewalGrace").asText()).isEqualTo("PT3S");
  }

  @Test
  void aFractionOfASecondIsRefusedAndChangesNothing() {
    Response bad = vendor.put("/settings", "{\"trialExpiringLead\":\"PT0.5S\"}");

    assertThat(bad.status()).as(bad.body()).isEqualTo(400);
    assertThat(bad.contentType()).startsWith("application/problem+json");
    assertThat(bad.detail())
        .isEqualTo(
            "trialExpiringLead must be a whole number of seconds, without a fraction"
                + " (whole seconds from PT0S to P365D)");
    assertThat(vendor.get("/settings").json().path("trialExpiringLead").asText()).isEqualTo("PT4S");
  }

  private Response created(String id, Instant periodEnd, String trialId) {
    String trial = trialId == null ? "" : ",\"trialId\":\"" + trialId + "\"";
    return report(
        "subscription.created",
        "{\"subscriptionId\":\""
            + id
            + "\",\"customerId\":\"c\",\"currentPeriodEnd\":\""
            + periodEnd
            + "\""
            + trial
            + "}");
  }

  private Response renewed(String eventId, String id, Instant end) {
    return vendor.post(
        "/events",
        "{\"id\":\""
            + eventId
            + "\",\"type\":\"subscription.renewed\",\"data\":{\"subscriptionId\":\""
            + id
            + "\",\"customerId\":\"c\",\"currentPeriodEnd\":\""
            + end
            + "\"}}");
  }

  private Response withPeriodEnd(String eventId, String type, String id, String periodEnd) {
    return vendor.post(
        "/events",
        "{\"id\":\""
            + eventId
            + "\",\"type\":\""
            + type
            + "\",\"data\":{\"subscriptionId\":\""
            + id
            + "\",\"currentPeriodEnd\":"
            + periodEnd
            + "}}");
  }

  private Response report(String type, String data) {
    return vendor.post("/events", "{\"type\":\"" + type + "\",\"data\":" + data + "}");
  }

  private Instant lastArrival;

  private JsonNode nextDelivery() throws Exception {
    RecordedRequest request = receiver.takeRequest(30, TimeUnit.SECONDS);
    assertThat(request).as("no delivery within 30 s").isNotNull();
    lastArrival = Instant.now();
    return body(request);
  }

  private void assertArrivedNear(Instant expected) {
    assertThat(Duration.between(expected, lastArrival).abs()).isLessThan(Duration.ofSeconds(3));
  }

  private void awaitStatus(String subscriptionId, String status) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (status.equals(
          vendor.get("/subscriptions/" + subscriptionId).json().path("status").asText())) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(subscriptionId + " never became " + status);
  }

  private static JsonNode body(RecordedRequest request) throws Exception {
    return JSON.readTree(request.getBody().string(StandardCharsets.UTF_8));
  }
}
