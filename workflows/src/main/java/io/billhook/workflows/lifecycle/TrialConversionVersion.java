package io.billhook.workflows.lifecycle;

import io.temporal.workflow.Workflow;

/**
 * A {@code subscription.created} that names a trial converts it from the subscription's workflow,
 * through an activity that retries until it lands. Histories recorded before this converted the
 * trial from the API instead and replay without the activity.
 */
final class TrialConversionVersion {
  static final String CHANGE_ID = "convert-trial-in-workflow";

  private TrialConversionVersion() {}

  /** {@code current}: the run started on the current shape, which implies this change. */
  static boolean inWorkflow(boolean current) {
    return current || Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) >= 1;
  }
}
