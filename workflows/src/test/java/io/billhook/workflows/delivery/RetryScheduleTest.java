package io.billhook.workflows.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The waits between attempts: the schedule's delays, their jitter and the cap on Retry-After. */
class RetryScheduleTest {
  private static final RetrySchedule SCHEDULE = RetrySchedule.parse("PT5S, PT5M,PT1H");

  @Test
  void parsesTheConfiguredDelaysAndCountsTheFirstAttempt() {
    assertThat(SCHEDULE.delays())
        .containsExactly(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofHours(1));
    assertThat(SCHEDULE.maxAttempts()).isEqualTo(4);
    assertThat(RetrySchedule.DEFAULT.maxAttempts()).isEqualTo(11);
  }

  @Test
  void jitterVariesADelayByAtMostATenthEitherWay() {
    assertThat(SCHEDULE.waitAfter(2, 0, Optional.empty())).isEqualTo(Duration.ofMinutes(5));
    assertThat(SCHEDULE.waitAfter(2, -1, Optional.empty())).isEqualTo(Duration.ofSeconds(270));
    assertThat(SCHEDULE.waitAfter(2, 1, Optional.empty())).isEqualTo(Duration.ofSeconds(330));
  }

  @Test
  void anAttemptPastTheEndOfTheScheduleWaitsItsLastDelay() {
    assertThat(SCHEDULE.delayAfter(4)).isEmpty();
    assertThat(SCHEDULE.waitAfter(7, 0, Optional.empty())).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void aLongerRetryAfterWinsUpToTheCapAndAShorterOneIsIgnored() {
    assertThat(SCHEDULE.waitAfter(1, 0, Optional.of(Duration.ofMinutes(2))))
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(SCHEDULE.waitAfter(1, 0, Optional.of(Duration.ofSeconds(1))))
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(SCHEDULE.waitAfter(1, 0, Optional.of(Duration.ofDays(3))))
        .isEqualTo(RetrySchedule.MAX_DELAY);
  }
}
