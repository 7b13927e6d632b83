package io.billhook.core.lifecycle;

import io.billhook.workflows.lifecycle.TrialConversion;
import io.billhook.workflows.lifecycle.TrialView;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.workflow.Functions;
import org.springframework.stereotype.Component;

/** Converts a trial named by a {@code subscription.created}; the trial stops its clock. */
@Component
public class TrialConversions {
  private final LifecycleWorkflows workflows;

  public TrialConversions(LifecycleWorkflows workflows) {
    this.workflows = workflows;
  }

  /** Applies once per subscription (the update id is its event id); no running trial, no-op. */
  public void convert(String vendorId, String trialId, TrialConversion conversion) {
    Functions.Func1<TrialConversion, TrialView> convert =
        workflows.trial(vendorId, trialId)::convert;
    try {
      WorkflowClient.startUpdate(
              convert,
              conversion,
              UpdateOptions.<TrialView>newBuilder()
                  .setUpdateId(conversion.eventId())
                  .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                  .build())
          .getResult();
    } catch (WorkflowNotFoundException noRunningTrial) {
      // Never started, or already over: the subscription stands on its own.
    }
  }
}
