package io.billhook.workflows.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every trial transition, with Temporal's time skipping: a 30-day trial runs in seconds. */
class TrialLifecycleWorkflowTest {
  @RegisterExtension
  final LifecycleWorkflowEnvironment env =
      new LifecycleWorkflowEnvironment(TrialLifecycleWorkflowImpl.class);

  private final RecordingLifecycleActivities activities = env.activities;

  @Test
  void aThirtyDayTrialWarnsThreeDaysAheadThenExpiresAtItsEnd() {
    Instant end = env.now().plus(Duration.ofDays(30));
    TrialLifecycleWorkflow trial = start("t30", LifecycleSettings.DEFAULT);

    TrialView view = trial.start(new TrialStarted("evt_s", "c1", end, Map.of("productId", "hd")));
    assertThat(view.status()).isEqualTo("trialing");
    assertThat(view.scheduled())
        .containsExactly(
            new ScheduledEvent("trial.expiring", end.minus(Duration.ofHours(72))),
            new ScheduledEvent("trial.expired", end));

    env.sleep(Duration.ofDays(31));

    assertThat(activities.types()).containsExactly("trial.expiring", "trial.expired");
    assertThat(activities.emitted.get(0).emittedAt())
        .isBetween(end.minus(Duration.ofHours(72)), end.minus(Duration.ofHours(72)).plusSeconds(1));
    assertThat(activities.emitted.get(1).emittedAt()).isBetween(end, end.plusSeconds(1));
    GeneratedEvent expired = activities.emitted.get(1).event();
    assertThat(expired.at()).isEqualTo(end);
    assertThat(expired.data())
        .containsAllEntriesOf(
            Map.of(
                "trialId", "t30", "customerId", "c1", "productId", "hd", "reason", "trial_ended"));
    assertThat(trial.view().status()).isEqualTo("expired");
  }

  @Test
  void aLeadLongerThanWhatIsLeftWarnsAtOnce() {
    Instant end = env.now().plus(Duration.ofHours(10));
    TrialLifecycleWorkflow trial = started("tshort", end);
    env.sleep(Duration.ofMinutes(1));

    assertThat(activities.types()).containsExactly("trial.expiring");
    env.sleep(Duration.ofHours(10));
    assertThat(activities.types()).containsExactly("trial.expiring", "trial.expired");
  }

  @Test
  void aConvertedTrialNeverExpires() {
    Instant end = env.now().plus(Duration.ofDays(14));
    TrialLifecycleWorkflow trial = started("tconv", end);
    env.sleep(Duration.ofDays(1));

    TrialView converted = trial.convert(new TrialConversion("evt_sub", "sub_1"));
    env.sleep(Duration.ofDays(30));

    assertThat(converted.status()).isEqualTo("converted");
    assertThat(converted.scheduled()).isEmpty();
    assertThat(activities.types()).isEmpty();
  }

  @Test
  void aTrialStartsOnlyOnceButARepeatedReportIsFine() {
    Instant end = env.now().plus(Duration.ofDays(7));
    TrialLifecycleWorkflow trial = started("tonce", end);

    assertThat(trial.start(new TrialStarted("evt_s", "c1", end, Map.of())).status())
        .isEqualTo("trialing");
    assertThatThrownBy(() -> trial.start(new TrialStarted("evt_other", "c1", end, Map.of())))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("already started");
  }

  @Test
  void aShorterLeadMovesTheWarningOfARunningTrial() {
    Instant end = env.now().plus(Duration.ofDays(10));
    TrialLifecycleWorkflow trial = started("tmove", end);

    trial.changeSettings(new LifecycleSettings(Duration.ofHours(1), Duration.ofHours(24), 1));
    env.sleep(Duration.ofDays(9));

    assertThat(activities.types()).isEmpty();
    assertThat(trial.view().scheduled().get(0))
        .isEqualTo(new ScheduledEvent("trial.expiring", end.minus(Duration.ofHours(1))));
    env.sleep(Duration.ofDays(2));
    assertThat(activities.emitted.get(0).emittedAt())
        .isBetween(end.minus(Duration.ofHours(1)), end.minus(Duration.ofHours(1)).plusSeconds(1));
  }

  @Test
  void generatedIdsAreStablePerTrialAndType() {
    Instant end = env.now().plus(Duration.ofDays(1));
    start("tid", LifecycleSettings.DEFAULT).start(new TrialStarted("e", "c", end, Map.of()));
    env.sleep(Duration.ofDays(2));

    String expiringId = activities.emitted.get(0).event().eventId();
    assertThat(expiringId).isEqualTo(GeneratedEventIds.of("acme", "trial/tid", "trial.expiring"));
    assertThat(expiringId).matches("evt_[A-Za-z0-9_-]{24}");
    assertThat(activities.emitted.get(1).event().eventId()).isNotEqualTo(expiringId);
  }

  @Test
  void aTrialWhoseStartNeverArrivesReadsItFromTheRecordAndRunsOnce() {
    Instant end = env.now().plus(Duration.ofDays(5));
    ReportedEvent reported =
        new ReportedEvent("acme", "evt_lost", "trial.started", env.now(), "{}");
    activities.storedStart = new TrialStarted("evt_lost", "c1", end, Map.of(), reported);
    TrialLifecycleWorkflow trial = start("tlost", LifecycleSettings.DEFAULT);

    env.sleep(FirstReport.PATIENCE.plusSeconds(1));

    assertThat(trial.view().status()).isEqualTo("trialing");
    assertThat(activities.order).containsExactly("read record", "trial.started");
    // The update arriving late changes nothing: the record and the update are one report.
    trial.start(new TrialStarted("evt_lost", "c1", end, Map.of(), reported));
    env.sleep(Duration.ofDays(6));
    assertThat(activities.order)
        .containsExactly("read record", "trial.started", "trial.expiring", "trial.expired");
  }

  @Test
  void aTrialWithNoRecordedStartEnds() {
    TrialLifecycleWorkflow trial = start("tnever", LifecycleSettings.DEFAULT);

    env.sleep(FirstReport.PATIENCE.plusSeconds(1));

    assertThat(
            env.getWorkflowClient()
                .fetchHistory(TrialLifecycleWorkflow.workflowId("acme", "tnever"))
                .getLastEvent()
                .hasWorkflowExecutionCompletedEventAttributes())
        .isTrue();
    assertThat(trial.view().status()).isEqualTo("new");
    assertThat(activities.order).containsExactly("read record");
  }

  /** A trial of customer c1 with the default settings, started (evt_s) to end at {@code end}. */
  private TrialLifecycleWorkflow started(String trialId, Instant end) {
    TrialLifecycleWorkflow trial = start(trialId, LifecycleSettings.DEFAULT);
    trial.start(new TrialStarted("evt_s", "c1", end, Map.of()));
    return trial;
  }

  private TrialLifecycleWorkflow start(String trialId, LifecycleSettings settings) {
    TrialLifecycleWorkflow trial =
        env.newWorkflowStub(
            TrialLifecycleWorkflow.class, TrialLifecycleWorkflow.workflowId("acme", trialId));
    WorkflowClient.start(trial::run, TrialState.initial("acme", trialId, settings));
    return trial;
  }
}
