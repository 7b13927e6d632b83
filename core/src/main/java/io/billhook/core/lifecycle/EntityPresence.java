package io.billhook.core.lifecycle;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import org.springframework.stereotype.Component;

/**
 * Where an entity's life stands between Temporal and the record: its workflow running or closed, or
 * missing from Temporal, then either over by the record or lost (to be rebuilt from its reports).
 */
@Component
public class EntityPresence {
  /** What Temporal (retained runs only) and, for a missing workflow, the record say. */
  enum Presence {
    RUNNING,
    CLOSED,
    /** Missing from Temporal, and its life is over by the record: nothing to rebuild. */
    ENDED,
    /** Missing from Temporal, though its life is not over: to be rebuilt. */
    LOST
  }

  private final WorkflowClient temporal;
  private final LifecycleWorkflows workflows;
  private final EntityRecord record;

  public EntityPresence(
      WorkflowClient temporal, LifecycleWorkflows workflows, EntityRecord record) {
    this.temporal = temporal;
    this.workflows = workflows;
    this.record = record;
  }

  Presence of(String vendorId, String kind, String entityId) {
    String workflowId = LifecycleWorkflows.workflowId(kind, vendorId, entityId);
    return switch (known(workflowId)) {
      case RUNNING -> Presence.RUNNING;
      case CLOSED -> Presence.CLOSED;
      case MISSING -> record.ended(vendorId, kind, entityId) ? Presence.ENDED : Presence.LOST;
    };
  }

  /** Whether the entity's workflow has closed, or is closing (expired, or a converted trial). */
  boolean ended(String vendorId, String kind, String entityId) {
    return switch (known(LifecycleWorkflows.workflowId(kind, vendorId, entityId))) {
      case CLOSED -> true;
      case MISSING -> false;
      case RUNNING -> {
        String status =
            LifecycleRegistry.TRIAL.equals(kind)
                ? workflows.trial(vendorId, entityId).view().status()
                : workflows.subscription(vendorId, entityId).view().status();
        yield status.equals("expired") || status.equals("converted");
      }
    };
  }

  private enum Known {
    MISSING,
    RUNNING,
    CLOSED
  }

  /** Describes the workflow id; Temporal's NOT_FOUND means it keeps no run of it. */
  private Known known(String workflowId) {
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
}
