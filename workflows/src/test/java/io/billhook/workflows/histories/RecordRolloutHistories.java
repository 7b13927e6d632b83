package io.billhook.workflows.histories;

import static io.billhook.workflows.histories.HistoryRecorder.VENDOR;

import io.billhook.workflows.lifecycle.LifecycleSettings;
import io.billhook.workflows.lifecycle.TrialLifecycleWorkflow;
import java.time.Duration;
import java.util.ArrayList;
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

  /**
   * A trial takes new settings, then the same version again from a retried rollout: runs started
   * before settings had to be strictly newer re-plan on it.
   */
  @Test
  void sameSettingsArriveTwice() {
    sameSettingsTwice("same-settings-twice");
  }

  /** The same on the current code: the repeat changes nothing. */
  @Test
  void sameSettingsArriveTwiceAndTheRepeatIsIgnored() {
    sameSettingsTwice("same-settings-twice-ignored");
  }

  /**
   * A paged rollout over more pages than one run takes (one entity a page), so it continues as new;
   * two of the entities are running, the others ended and skipped.
   */
  @Test
  void pagedRolloutContinuesAsNew() {
    List<String> trials = new ArrayList<>(List.of("tr_8"));
    for (int i = 0; i < 110; i++) {
      trials.add(String.format("tr_ended_%03d", i));
    }
    try (HistoryRecorder recorder = HistoryRecorder.rollingOutTo(trials, List.of("sub_8"))) {
      EntityReports reports = new EntityReports(recorder);
      String trial = reports.startTrial("tr_8", recorder.now().plus(DAY.multipliedBy(10)));
      reports.createSubscription("sub_8", recorder.now().plus(DAY.multipliedBy(10)), 2000);
      recorder.sleep(DAY);
      String workflowId =
          RecordLifecycleHistories.rollOut(
              recorder, new LifecycleSettings(Duration.ofHours(24), Duration.ofHours(1), 4));
      recorder.save("paged-continued-as-new", workflowId);
      recorder.sleep(DAY.multipliedBy(10));
      recorder.save("settings-paged-rollout", trial);
    }
  }

  private static void sameSettingsTwice(String caseName) {
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
      recorder.save(caseName, trial);
    }
  }
}
