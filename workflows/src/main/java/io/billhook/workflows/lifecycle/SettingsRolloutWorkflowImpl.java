package io.billhook.workflows.lifecycle;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Walks the vendor's entities a page (one activity) at a time, in key order, continuing as new
 * every {@link #PAGES_PER_RUN} pages so that a rollout to millions keeps a short history.
 */
public class SettingsRolloutWorkflowImpl implements SettingsRolloutWorkflow {
  static final int PAGES_PER_RUN = 100;

  /** The single call of rollouts started before paging, as they scheduled it. */
  private final SettingsRolloutActivities all =
      activities(
          Duration.ofMinutes(30),
          Duration.ofMinutes(1),
          "signal new settings to running trials and subscriptions");

  private final SettingsRolloutActivities pages =
      activities(
          Duration.ofMinutes(5),
          Duration.ofSeconds(30),
          "signal new settings to a page of running trials and subscriptions");

  @Override
  public void rollOut(String vendorId, LifecycleSettings settings, RolloutCursor from) {
    if (from == null
        && Workflow.getVersion("paged-rollout", Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      all.signalAll(vendorId, settings);
      return;
    }
    RolloutCursor cursor = from == null ? RolloutCursor.START : from;
    for (int page = 0; page < PAGES_PER_RUN; page++) {
      RolloutPage signalled = pages.signalPage(vendorId, settings, cursor);
      if (signalled.last()) {
        return;
      }
      cursor = signalled.next();
    }
    Workflow.continueAsNew(vendorId, settings, cursor);
  }

  private static SettingsRolloutActivities activities(
      Duration startToClose, Duration heartbeat, String summary) {
    return Workflow.newActivityStub(
        SettingsRolloutActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(startToClose)
            .setHeartbeatTimeout(heartbeat)
            .setSummary(summary)
            .build());
  }
}
