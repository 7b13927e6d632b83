package io.billhook.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billhook.core.refusals.Refusal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which lifecycle settings a vendor may choose, and what it is told about the others. */
class SettingsRulesTest {
  private static final Duration CURRENT = Duration.ofHours(72);

  @ParameterizedTest
  @CsvSource({"PT0S, PT0S", "PT10S, PT10S", "PT30M, PT30M", "P3D, PT72H", "P365D, PT8760H"})
  void wholeSecondsFromZeroToAYearAreAccepted(String sent, String stored) {
    assertThat(SettingsRules.duration("renewalGrace", sent, CURRENT)).hasToString(stored);
  }

  @Test
  void aSettingLeftOutKeepsItsCurrentValue() {
    assertThat(SettingsRules.duration("renewalGrace", null, CURRENT)).isEqualTo(CURRENT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT0.5S", "PT1.5S", "PT10.000S", "PT0,5S", "PT0.000000001S"})
  void aFractionOfASecondIsRefused(String sent) {
    assertRefused(
        sent,
        "renewalGrace must be a whole number of seconds, without a fraction"
            + " (whole seconds from PT0S to P365D)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-PT5S", "PT-5S", "P1DT-2H", "-P1D", "PT-0S"})
  void aNegativeDurationIsRefused(String sent) {
    assertRefused(sent, "renewalGrace must not be negative (whole seconds from PT0S to P365D)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"P366D", "PT8760H1S", "PT9223372036854775807S"})
  void moreThanAYearIsRefused(String sent) {
    assertRefused(sent, "renewalGrace must be at most P365D, that is PT8760H");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "tomorrow", "72h", "P1W", "P1M", "P1Y", "PT", "PT99999999999999999999H"})
  void otherTextIsRefusedWithExamples(String sent) {
    assertRefused(
        sent,
        "renewalGrace must be an ISO-8601 duration such as PT72H, P3D, PT30M or PT10S"
            + " (whole seconds from PT0S to P365D)");
  }

  @Test
  void theRefusalDoesNotRepeatTheValue() {
    String sent = "x".repeat(200_000);
    assertThatThrownBy(() -> SettingsRules.duration("renewalGrace", sent, CURRENT))
        .isInstanceOf(Refusal.class)
        .message()
        .doesNotContain("xxx");
  }

  private static void assertRefused(String sent, String message) {
    assertThatThrownBy(() -> SettingsRules.duration("renewalGrace", sent, CURRENT))
        .isInstanceOf(Refusal.class)
        .hasMessage(message);
  }
}
