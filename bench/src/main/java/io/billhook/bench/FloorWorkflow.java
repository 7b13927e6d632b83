package io.billhook.bench;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The floor: what Temporal alone costs for one event fanned out to {@code endpoints}. */
@WorkflowInterface
public interface FloorWorkflow {
  String TASK_QUEUE = "bench-floor";

  /** Runs one no-op activity per endpoint, in parallel, like Billhook's delivery workflow. */
  @WorkflowMethod
  void deliver(int endpoints, String body);
}
