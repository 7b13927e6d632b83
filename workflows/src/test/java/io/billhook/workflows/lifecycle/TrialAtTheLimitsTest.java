package io.billhook.workflows.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A trial at the edges of what the API accepts: its timer arithmetic holds, time skipping. */
class TrialAtTheLimitsTest {
  private static final LifecycleSettings LONGEST_LEAD =
      new LifecycleSettings(LifecycleLimits.MAX_SETTING, LifecycleLimits.MAX_SETTING);

  @RegisterExtension
  final LifecycleWorkflowEnvironment env =
      new LifecycleWorkflowEnvironment(TrialLifecycleWorkflowImpl.class);

  @Test
  void aTrialEndingAtTheHorizonWithTheLongestLeadWarnsAndExpiresOnTime() {
    Instant started = env.now();
    Instant end = LifecycleLimits.latest(started);
    Instant warning = end.minus(LifecycleLimits.MAX_SETTING);
    TrialLifecycleWorkflow trial = start("thorizon");

    TrialView view = trial.start(new TrialStarted("evt_s", "c1", end, Map.of()));
    assertThat(view.scheduled())
        .containsExactly(
            new ScheduledEvent("trial.expiring", warning),
            new ScheduledEvent("trial.expired", end));

    env.sleep(Duration.between(started, end).plusDays(1));

    assertThat(env.activities.types()).containsExactly("trial.expiring", "trial.expired");
    assertThat(env.activities.emitted.get(0).event().at()).isEqualTo(warning);
    assertThat(env.activities.emitted.get(0).emittedAt())
        .isBetween(warning, warning.plusSeconds(1));
    assertThat(env.activities.emitted.get(1).emittedAt()).isBetween(end, end.plusSeconds(1));
  }

  @Test
  void aTrialThatEndedAtTheEarliestAcceptedTimeWarnsAndExpiresAtOnce() {
    Instant started = env.now();
    TrialLifecycleWorkflow trial = start("tearliest");

    trial.start(new TrialStarted("evt_s", "c1", LifecycleLimits.EARLIEST, Map.of()));
    env.sleep(Duration.ofMinutes(1));

    assertThat(env.activities.types()).containsExactly("trial.expiring", "trial.expired");
    assertThat(env.activities.emitted.get(1).event().at()).isBetween(started, env.now());
    assertThat(trial.view().status()).isEqualTo("expired");
  }

  private TrialLifecycleWorkflow start(String trialId) {
    TrialLifecycleWorkflow trial =
        env.newWorkflowStub(
            TrialLifecycleWorkflow.class, TrialLifecycleWorkflow.workflowId("acme", trialId));
    WorkflowClient.start(trial::run, TrialState.initial("acme", trialId, LONGEST_LEAD));
    return trial;
  }
}
