package io.billhook.workflows.lifecycle;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One trial's clock: trial.expiring, then trial.expired, unless a subscription converts it. */
@WorkflowInterface
public interface TrialLifecycleWorkflow {

  static String workflowId(String vendorId, String trialId) {
    return "trial/" + vendorId + "/" + trialId;
  }

  @WorkflowMethod
  void run(TrialState state);

  @UpdateMethod
  TrialView start(TrialStarted started);

  @UpdateValidatorMethod(updateName = "start")
  void validateStart(TrialStarted started);

  @UpdateMethod
  TrialView convert(TrialConversion conversion);

  @SignalMethod
  void changeSettings(LifecycleSettings settings);

  @QueryMethod
  TrialView view();
}
