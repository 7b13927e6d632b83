package io.billhook.workflows.histories;

import static io.billhook.workflows.histories.HistoryRecorder.VENDOR;

import io.billhook.workflows.lifecycle.LifecycleSettings;
import io.billhook.workflows.lifecycle.TrialLifecycleWorkflow;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The recorded cases of settings rollouts as they reach entities: the same settings arriving twice
 * (a retried rollout), and the paged rollout; see {@link HistoryRecorder}.
 */
@EnabledIfSystemProperty(named = "histories.record", matches = "true")
class RecordRolloutHistories {
  private static final Duration DAY = Duration.ofDays(1);

  /** A trial takes new settings, then the same version again from a retried rollout. */
  @Test
  void sameSettingsArriveTwice() {
    try (HistoryRecorder recorder = HistoryRecorder.rollingOutTo(List.of(), List.of())) {
      String trial =
          new EntityReports(recorder).startTrial("tr_7", recorder.now().plus(DAY.multipliedBy(10)));
      recorder.sleep(DAY);
      TrialLifecycleWorkflow stub =
          recorder
              .client()
              .newWorkflowStub(
                  TrialLifecycleWorkflow.class, TrialLifecycleWorkflow.workflowId(VENDOR, "tr_7"));
      LifecycleSettings newer = new LifecycleSettings(Duration.ofHours(24), Duration.ofHours(1), 3);
      stub.changeSettings(newer);
      recorder.sleep(Duration.ofMinutes(5));
      stub.changeSettings(newer);
      recorder.sleep(DAY.multipliedBy(10));
      recorder.save("same-settings-twice", trial);
    }
  }
}
