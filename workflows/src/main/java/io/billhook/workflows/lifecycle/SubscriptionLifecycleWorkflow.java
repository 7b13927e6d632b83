package io.billhook.workflows.lifecycle;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One subscription's clock: applies its reports in order and fires subscription.expired. */
@WorkflowInterface
public interface SubscriptionLifecycleWorkflow {

  static String workflowId(String vendorId, String subscriptionId) {
    return "subscription/" + vendorId + "/" + subscriptionId;
  }

  @WorkflowMethod
  void run(SubscriptionState state);

  /** Applies a report; refused before it touches history when it conflicts with the state. */
  @UpdateMethod
  SubscriptionView report(SubscriptionReport report);

  @UpdateValidatorMethod(updateName = "report")
  void validateReport(SubscriptionReport report);

  @SignalMethod
  void changeSettings(LifecycleSettings settings);

  @QueryMethod
  SubscriptionView view();
}
