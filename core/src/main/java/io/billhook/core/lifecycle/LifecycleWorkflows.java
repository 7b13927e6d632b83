package io.billhook.core.lifecycle;

import io.billhook.workflows.SearchAttributes;
import io.billhook.workflows.TaskQueues;
import io.billhook.workflows.lifecycle.SubscriptionLifecycleWorkflow;
import io.billhook.workflows.lifecycle.TrialLifecycleWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
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
    return temporal.newWorkflowStub(
        TrialLifecycleWorkflow.class,
        options(
            TrialLifecycleWorkflow.workflowId(vendorId, trialId),
            vendorId,
            customerId,
            null,
            "trial " + trialId + " of customer " + customerId + " (" + vendorId + ")"));
  }

  public SubscriptionLifecycleWorkflow newSubscription(
      String vendorId, String subscriptionId, String customerId) {
    return temporal.newWorkflowStub(
        SubscriptionLifecycleWorkflow.class,
        options(
            SubscriptionLifecycleWorkflow.workflowId(vendorId, subscriptionId),
            vendorId,
            customerId,
            subscriptionId,
            "subscription "
                + subscriptionId
                + " of customer "
                + customerId
                + " ("
                + vendorId
                + ")"));
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

  /** What Temporal knows of a workflow id (retained runs only). */
  enum Known {
    MISSING,
    RUNNING,
    CLOSED
  }

  Known known(String workflowId) {
    try {
      WorkflowExecutionStatus status =
          temporal
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(temporal.getOptions().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .build())
              .getWorkflowExecutionInfo()
              .getStatus();
      return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
          ? Known.RUNNING
          : Known.CLOSED;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Known.MISSING;
      }
      throw e;
    }
  }

  /** Whether the entity's workflow has closed, or is closing (expired, or a converted trial). */
  boolean ended(String kind, String vendorId, String entityId) {
    return switch (known(workflowId(kind, vendorId, entityId))) {
      case CLOSED -> true;
      case MISSING -> false;
      case RUNNING -> {
        String status =
            LifecycleRegistry.TRIAL.equals(kind)
                ? trial(vendorId, entityId).view().status()
                : subscription(vendorId, entityId).view().status();
        yield status.equals("expired") || status.equals("converted");
      }
    };
  }

  static String workflowId(String kind, String vendorId, String entityId) {
    return LifecycleRegistry.TRIAL.equals(kind)
        ? TrialLifecycleWorkflow.workflowId(vendorId, entityId)
        : SubscriptionLifecycleWorkflow.workflowId(vendorId, entityId);
  }

  /** Use the running workflow if there is one; never start a second life for an ended one. */
  private static WorkflowOptions options(
      String workflowId,
      String vendorId,
      String customerId,
      String subscriptionId,
      String summary) {
    io.temporal.common.SearchAttributes.Builder attributes =
        io.temporal.common.SearchAttributes.newBuilder()
            .set(SearchAttributes.VENDOR_ID, vendorId)
            .set(SearchAttributes.CUSTOMER_ID, customerId);
    if (subscriptionId != null) {
      attributes.set(SearchAttributes.SUBSCRIPTION_ID, subscriptionId);
    }
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(TaskQueues.BILLHOOK)
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setTypedSearchAttributes(attributes.build())
        .setStaticSummary(summary)
        .build();
  }
}
