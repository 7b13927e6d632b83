package io.billhook.core.lifecycle;

import io.billhook.workflows.SearchAttributes;
import io.billhook.workflows.TaskQueues;
import io.billhook.workflows.lifecycle.SubscriptionLifecycleWorkflow;
import io.billhook.workflows.lifecycle.TrialLifecycleWorkflow;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import org.springframework.stereotype.Component;

/** Stubs for the entity workflows, with the ids, search attributes and summaries ops see. */
@Component
public class LifecycleWorkflows {
  private final WorkflowClient temporal;

  public LifecycleWorkflows(WorkflowClient temporal) {
    this.temporal = temporal;
  }

  public TrialLifecycleWorkflow newTrial(String vendorId, String trialId, String customerId) {
    return newStub(
        TrialLifecycleWorkflow.class, LifecycleRegistry.TRIAL, vendorId, trialId, customerId);
  }

  public SubscriptionLifecycleWorkflow newSubscription(
      String vendorId, String subscriptionId, String customerId) {
    return newStub(
        SubscriptionLifecycleWorkflow.class,
        LifecycleRegistry.SUBSCRIPTION,
        vendorId,
        subscriptionId,
        customerId);
  }

  /** A stub for the subscription's running workflow (reports other than its creation). */
  SubscriptionLifecycleWorkflow subscription(String vendorId, String subscriptionId) {
    return temporal.newWorkflowStub(
        SubscriptionLifecycleWorkflow.class,
        SubscriptionLifecycleWorkflow.workflowId(vendorId, subscriptionId));
  }

  TrialLifecycleWorkflow trial(String vendorId, String trialId) {
    return temporal.newWorkflowStub(
        TrialLifecycleWorkflow.class, TrialLifecycleWorkflow.workflowId(vendorId, trialId));
  }

  static String workflowId(String kind, String vendorId, String entityId) {
    return LifecycleRegistry.TRIAL.equals(kind)
        ? TrialLifecycleWorkflow.workflowId(vendorId, entityId)
        : SubscriptionLifecycleWorkflow.workflowId(vendorId, entityId);
  }

  /**
   * A stub that uses the running workflow if there is one and never starts a second life for an
   * ended one; a subscription is also searchable by its id.
   */
  private <W> W newStub(
      Class<W> workflow, String kind, String vendorId, String entityId, String customerId) {
    io.temporal.common.SearchAttributes.Builder attributes =
        io.temporal.common.SearchAttributes.newBuilder()
            .set(SearchAttributes.VENDOR_ID, vendorId)
            .set(SearchAttributes.CUSTOMER_ID, customerId);
    if (LifecycleRegistry.SUBSCRIPTION.equals(kind)) {
      attributes.set(SearchAttributes.SUBSCRIPTION_ID, entityId);
    }
    return temporal.newWorkflowStub(
        workflow,
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId(kind, vendorId, entityId))
            .setTaskQueue(TaskQueues.LIFECYCLE)
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setTypedSearchAttributes(attributes.build())
            .setStaticSummary(
                kind + " " + entityId + " of customer " + customerId + " (" + vendorId + ")")
            .build());
  }
}
