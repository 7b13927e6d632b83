package io.billhook.workflows.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When an attempt may be put off: never at the cost of an attempt, never without end. */
class DeferralsTest {
  private static final int BUDGET = RetrySchedule.DEFAULT.maxAttempts();
  private static final DeliveryRequest REQUEST =
      new DeliveryRequest("acme", "evt_1", "payment.received", "ep_1", "{}", BUDGET, null, 1);

  @Test
  void aRunStartedBeforeDeferralsNeverPutsAnAttemptOff() {
    ActivityExecutionContext context = activity(false, 2, BUDGET);

    assertThat(Deferrals.allowed(context, REQUEST, 2, 0)).isFalse();
  }

  @Test
  void aNewRunPutsOffUntilItHasTakenItsDeferrals() {
    int maxTemporalAttempts = BUDGET + Deferrals.MAX;

    assertThat(Deferrals.allowed(activity(false, 5, maxTemporalAttempts), REQUEST, 2, 3)).isTrue();
    int lastDeferral = Deferrals.MAX - 1;
    assertThat(
            Deferrals.allowed(
                activity(false, BUDGET + lastDeferral, maxTemporalAttempts),
                REQUEST,
                BUDGET,
                lastDeferral))
        .isTrue();
    assertThat(
            Deferrals.allowed(
                activity(false, BUDGET + Deferrals.MAX, maxTemporalAttempts),
                REQUEST,
                BUDGET,
                Deferrals.MAX))
        .isFalse();
  }

  @Test
  void aFirstAttemptMayAlwaysBePutOff() {
    assertThat(Deferrals.allowed(activity(true, 1, 1), REQUEST, 1, 0)).isTrue();
  }

  @Test
  void waitsDoubleFromFiveSecondsUpToHalfAMinute() {
    assertThat(Deferrals.waitAfter(0, 1.0)).isEqualTo(Duration.ofSeconds(5));
    assertThat(Deferrals.waitAfter(2, 1.0)).isEqualTo(Duration.ofSeconds(20));
    assertThat(Deferrals.waitAfter(50, 1.0)).isEqualTo(Duration.ofSeconds(30));
    assertThat(Deferrals.waitAfter(50, 1.5)).isEqualTo(Duration.ofSeconds(45));
  }

  private static ActivityExecutionContext activity(
      boolean local, int temporalAttempt, int maxTemporalAttempts) {
    ActivityInfo info = mock(ActivityInfo.class);
    when(info.isLocal()).thenReturn(local);
    when(info.getAttempt()).thenReturn(temporalAttempt);
    when(info.getRetryOptions())
        .thenReturn(RetryOptions.newBuilder().setMaximumAttempts(maxTemporalAttempts).build());
    ActivityExecutionContext context = mock(ActivityExecutionContext.class);
    when(context.getInfo()).thenReturn(info);
    return context;
  }
}
