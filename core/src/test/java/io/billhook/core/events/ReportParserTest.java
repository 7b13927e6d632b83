package io.billhook.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billhook.core.refusals.Refusal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The report's times go through the windows, wherever in the report they are. */
class ReportParserTest {
  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

  @Test
  void theTimesOfAReportInsideTheirWindowsAreParsed() {
    ParsedReport report =
        ReportParser.parse(
            "{\"type\":\"trial.started\",\"timestamp\":\"2026-12-03T11:00:00+01:00\","
                + "\"data\":{\"trialId\":\"t1\",\"customerId\":\"c1\","
                + "\"trialEnd\":\"2026-12-17T10:00:00Z\"}}",
            NOW);

    assertThat(report.timestamp()).isEqualTo(NOW);
    assertThat(report.instants()).containsEntry("trialEnd", Instant.parse("2026-12-17T10:00:00Z"));
  }

  @Test
  void anOptionalPeriodEndOutsideTheWindowIsRefused() {
    assertThatThrownBy(
            () ->
                ReportParser.parse(
                    "{\"type\":\"subscription.cancelled\",\"data\":{\"subscriptionId\":\"s1\","
                        + "\"currentPeriodEnd\":\"2099-01-01T00:00:00Z\"}}",
                    NOW))
        .isInstanceOf(Refusal.class)
        .hasMessageStartingWith(
            "data.currentPeriodEnd must lie between 2000-01-01T00:00:00Z and 5 years from now");
  }

  @Test
  void aRenewalBeyondTheHorizonIsRefused() {
    assertThatThrownBy(
            () ->
                ReportParser.parse(
                    "{\"type\":\"subscription.renewed\",\"data\":{\"subscriptionId\":\"s1\","
                        + "\"customerId\":\"c1\",\"currentPeriodEnd\":\"2031-12-03T10:00:01Z\"}}",
                    NOW))
        .isInstanceOf(Refusal.class)
        .hasMessage(
            "data.currentPeriodEnd must lie between 2000-01-01T00:00:00Z and 5 years from now"
                + " (2031-12-03T10:00:00Z)");
  }
}
