package io.billhook.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.billhook.core.refusals.Refusal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which times a report may carry, and what the caller is told about the others. */
class ReportInstantsTest {
  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  private static final String FORMAT =
      "data.trialEnd must be an ISO-8601 instant with an offset, such as 2026-03-29T14:32:00Z"
          + " (date, time to the second, optional fraction, then Z or +hh:mm/-hh:mm)";
  private static final String LIFECYCLE_WINDOW =
      "data.trialEnd must lie between 2000-01-01T00:00:00Z and 5 years from now"
          + " (2031-12-03T10:00:00Z)";
  private static final String TIMESTAMP_WINDOW =
      "timestamp must lie within the last 30 days and at most 5 minutes ahead of Billhook's clock"
          + " (from 2026-11-03T10:00:00Z to 2026-12-03T10:05:00Z); leave it out to stamp the"
          + " event with the time it is reported";

  @Test
  void aYearNineHundredMillionIsRefusedForItsValue() {
    assertLifecycleRefused("+999999999-12-31T23:59:59Z", LIFECYCLE_WINDOW);
  }

  @Test
  void theYearTenThousandIsRefused() {
    assertLifecycleRefused("+10000-01-01T00:00:00Z", LIFECYCLE_WINDOW);
    assertLifecycleRefused("10000-01-01T00:00:00Z", FORMAT);
    assertLifecycleRefused("9999-12-31T23:59:59Z", LIFECYCLE_WINDOW);
  }

  @Test
  void lifecycleTimesMayLieFromTheYear2000ToFiveYearsAhead() {
    assertThat(lifecycle("2000-01-01T00:00:00Z")).isEqualTo("2000-01-01T00:00:00Z");
    assertThat(lifecycle("2031-12-03T10:00:00Z")).isEqualTo("2031-12-03T10:00:00Z");
    assertLifecycleRefused("1999-12-31T23:59:59Z", LIFECYCLE_WINDOW);
    assertLifecycleRefused("2031-12-03T10:00:00.001Z", LIFECYCLE_WINDOW);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "0000-01-01T00:00:00Z"})
  void zeroDatesAreRefusedAsLifecycleTimes(String zero) {
    assertLifecycleRefused(zero, LIFECYCLE_WINDOW);
  }

  @Test
  void aTimestampMayBeThirtyDaysOldAndFiveMinutesAhead() {
    assertThat(timestamp("2026-11-03T10:00:00Z")).isEqualTo("2026-11-03T10:00:00Z");
    assertThat(timestamp("2026-12-03T10:05:00Z")).isEqualTo("2026-12-03T10:05:00Z");
    assertTimestampRefused("2026-11-03T09:59:59Z");
    assertTimestampRefused("2026-12-03T10:05:01Z");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z"})
  void aFarTimestampIsRefusedWithTheWindow(String far) {
    assertTimestampRefused(far);
  }

  @ParameterizedTest
  @CsvSource({
    "2026-06-01T14:32:00+14:00, 2026-06-01T00:32:00Z",
    "2026-06-01T14:32:00-12:00, 2026-06-02T02:32:00Z",
    "2026-06-01T14:32:00-00:00, 2026-06-01T14:32:00Z",
    "2026-06-01t14:32:00z, 2026-06-01T14:32:00Z",
    "2026-06-01T14:32:00.5Z, 2026-06-01T14:32:00.500Z",
    "2026-06-01T14:32:00.123456789Z, 2026-06-01T14:32:00.123456789Z",
  })
  void rfc3339FormsAreAccepted(String sent, String meant) {
    assertThat(lifecycle(sent)).isEqualTo(meant);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-06-01",
        "2026-06-01T14:32:00",
        "2026-06-01T14:32Z",
        "2026-06-01 14:32:00Z",
        "2026-06-01T14:32:00+01",
        "2026-06-01T14:32:00+0100",
        "2026-06-01T14:32:00+01:00:30",
        "2026-06-01T14:32:00.Z",
        "2026-06-01T14:32:00.1234567891Z",
        "2016-12-31T23:59:60Z",
        "2026-02-30T00:00:00Z",
        "2026-06-01T24:00:00Z",
        "20260601T143200Z",
        " 2026-06-01T14:32:00Z",
        "next tuesday",
        ""
      })
  void otherFormsAreRefusedWithTheFormat(String sent) {
    assertLifecycleRefused(sent, FORMAT);
  }

  @Test
  void numbersAreRefusedWithTheFormat() {
    assertThatThrownBy(
            () ->
                ReportInstants.lifecycle(
                    JsonNodeFactory.instance.numberNode(1796292000L), "data.trialEnd", NOW))
        .isInstanceOf(Refusal.class)
        .hasMessage(FORMAT);
  }

  private static String lifecycle(String text) {
    return ReportInstants.lifecycle(text(text), "data.trialEnd", NOW).toString();
  }

  private static String timestamp(String text) {
    return ReportInstants.timestamp(text(text), NOW).toString();
  }

  private static void assertLifecycleRefused(String text, String message) {
    assertThatThrownBy(() -> ReportInstants.lifecycle(text(text), "data.trialEnd", NOW))
        .isInstanceOf(Refusal.class)
        .hasMessage(message);
  }

  private static void assertTimestampRefused(String text) {
    assertThatThrownBy(() -> ReportInstants.timestamp(text(text), NOW))
        .isInstanceOf(Refusal.class)
        .hasMessage(TIMESTAMP_WINDOW);
  }

  private static JsonNode text(String text) {
    return JsonNodeFactory.instance.textNode(text);
  }
}
