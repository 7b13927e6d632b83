package io.billhook.workflows.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.workflows.delivery.DeliveryRequest.FailedAttempt;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The first retry counts from the failed first attempt, not from when its continuation ran. */
class FirstRetryDelayTest {

  @Test
  void theWaitBeforeTheContinuationRanIsTakenOffTheDelay() {
    FailedAttempt failed = new FailedAttempt("HTTP 503", 5_000, 1_000_000, false);

    assertThat(failed.remainingAt(1_000_200)).isEqualTo(Duration.ofMillis(4_800));
    assertThat(failed.remainingAt(1_060_000))
        .as("picked up a minute late: retry at once")
        .isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void anUnknownFailureTimeKeepsTheWholeDelay() {
    assertThat(new FailedAttempt("x", 5_000, 0, false).remainingAt(42))
        .isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void theContinuingActivityReportsTheFailureWithWhatIsLeftOfItsDelay() {
    FailedAttempt failed =
        new FailedAttempt("HTTP 503 from receiver (ep_1)", 5_000, 1_000_000, false);

    var report = DeliveryFailures.firstAttemptFailed(failed, 1_001_000);

    assertThat(report.getOriginalMessage()).isEqualTo("HTTP 503 from receiver (ep_1)");
    assertThat(report.getType()).isEqualTo(DeliveryFailures.ATTEMPT_FAILED);
    assertThat(report.isNonRetryable()).isFalse();
    assertThat(report.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(4));
  }
}
