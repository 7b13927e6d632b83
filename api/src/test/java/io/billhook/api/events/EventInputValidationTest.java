package io.billhook.api.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.billhook.api.testing.EdgeMvc.Answer;
import io.billhook.core.events.Envelope;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

/**
 * Every bad report gets a 4xx problem that says what to fix, and reaches neither delivery nor the
 * lifecycle. (That nothing is stored, over real HTTP and PostgreSQL: {@code InputRefusalsApiTest}.)
 */
class EventInputValidationTest extends EventSlice {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"type\": \"payment.received\",  | not valid JSON",
        "''                                | JSON object",
        "{\"type\":\"payment.teleported\",\"data\":{}} | unknown event type 'payment.teleported'",
        "{\"type\":\"trial.expiring\",\"data\":{}}     | produced by Billhook's own timers",
        "{\"type\":\"payment.received\"}               | data is required",
        "{\"type\":\"payment.received\",\"dta\":{}}    | unknown fields [dta]",
        "{\"id\":\"has space\",\"type\":\"payment.received\",\"data\":{}} | id must be",
        "{\"type\":\"payment.received\",\"data\":{\"amount\":12345678901234567890}}"
            + " | send it as a string"
      })
  void aMalformedReportIsRefusedSayingWhatToFix(String report, String detail) {
    assertRefused(report, detail);
  }

  @Test
  void missingLifecycleDataIsNamed() {
    assertRefused(
        "{\"type\":\"trial.started\",\"data\":{\"trialId\":\"t1\",\"customerId\":\"c1\"}}",
        "trial.started needs data.trialEnd");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "next tuesday           | must be an ISO-8601 instant",
        "+10000-01-01T00:00:00Z | must lie between 2000-01-01T00:00:00Z and 5 years from now"
      })
  void aBadPeriodEndIsRefused(String periodEnd, String detail) {
    assertRefused(
        "{\"type\":\"subscription.created\",\"data\":{\"subscriptionId\":\"s1\","
            + "\"customerId\":\"c1\",\"currentPeriodEnd\":\""
            + periodEnd
            + "\"}}",
        "data.currentPeriodEnd " + detail);
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
    assertRefused(
        "{\"id\":\"evt_bad_end\",\"type\":\""
            + type
            + "\",\"data\":{\"subscriptionId\":\"s1\",\"currentPeriodEnd\":"
            + periodEnd
            + "}}",
        "data.currentPeriodEnd must be an ISO-8601 instant with an offset, such as"
            + " 2026-03-29T14:32:00Z");
  }

  @Test
  void aTrialEndInTheYearNineHundredMillionIsRefusedAtOnce() {
    api.send("POST", EVENTS, "{}"); // warms the path, so the timing below is the check's own
    long started = System.nanoTime();
    Answer answer =
        api.send(
            "POST",
            EVENTS,
            "{\"type\":\"trial.started\",\"data\":{\"trialId\":\"t1\",\"customerId\":\"c1\","
                + "\"trialEnd\":\"+999999999-12-31T23:59:59Z\"}}");
    long elapsedMs = (System.nanoTime() - started) / 1_000_000;

    answer.isProblem(
        400, "data.trialEnd must lie between 2000-01-01T00:00:00Z and 5 years from now");
    assertThat(elapsedMs).isLessThan(1000);
    assertNothingPublished();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z"})
  void aTimestampFarFromNowIsRefused(String timestamp) {
    assertRefused(
        "{\"type\":\"payment.received\",\"timestamp\":\"" + timestamp + "\",\"data\":{}}",
        "timestamp must lie within the last 30 days and at most 5 minutes ahead");
  }

  @Test
  void aTimestampIsKeptToTheSecondInUtc() {
    publishingAcceptsEverything();
    Instant happened = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
    String sent =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'.999+14:00'")
            .format(happened.atOffset(ZoneOffset.ofHours(14)));

    Answer answer =
        api.send(
            "POST",
            EVENTS,
            "{\"type\":\"payment.received\",\"timestamp\":\"" + sent + "\",\"data\":{}}");

    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    assertThat(answer.json().path("timestamp").asText()).isEqualTo(happened.toString());
    ArgumentCaptor<Envelope> published = ArgumentCaptor.forClass(Envelope.class);
    verify(publisher).publish(eq("v1"), published.capture(), any(JsonNode.class));
    assertThat(published.getValue().timestamp()).isEqualTo(happened);
  }

  @Test
  void aBodyOver256KibIsTooLarge() {
    String big = "{\"type\":\"payment.received\",\"data\":{\"x\":\"" + "a".repeat(300_000) + "\"}}";
    api.send("POST", EVENTS, big).isProblem(413, "256 KiB");
    assertNothingPublished();
  }

  @Test
  void anUnknownEventIsNotFound() {
    api.get(EVENTS + "/evt_nope").isProblem(404, "no event evt_nope");
  }

  @Test
  void aBadVendorIdIsRefused() {
    api.get("/v1/vendors/not ok/events").isProblem(400, "vendorId must be");
  }

  @Test
  void aBadStatusFilterIsRefused() {
    api.get(EVENTS + "?status=lost").isProblem(400, "status must be one of");
  }

  private void assertRefused(String report, String detail) {
    api.send("POST", EVENTS, report).isProblem(400, detail);
    assertNothingPublished();
  }
}
