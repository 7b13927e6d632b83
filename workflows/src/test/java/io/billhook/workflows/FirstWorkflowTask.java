package io.billhook.workflows;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.util.concurrent.CompletableFuture;

/** Lands a report and a signal in a workflow's first task, the way a race does in production. */
public final class FirstWorkflowTask {
  private FirstWorkflowTask() {}

  /**
   * Sends {@code report} (an update-with-start, which waits for the workflow) and, once workflow
   * {@code workflowId} exists, {@code signal}; only then {@code startWorker}, so that the first
   * workflow task carries both.
   */
  public static void carrying(
      WorkflowClient client,
      String workflowId,
      Runnable report,
      Runnable signal,
      Runnable startWorker) {
    CompletableFuture<Void> reported = CompletableFuture.runAsync(report);
    WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
    while (!reported.isDone() && !exists(stub)) {
      Thread.onSpinWait();
    }
    signal.run();
    startWorker.run();
    reported.join();
  }

  private static boolean exists(WorkflowStub stub) {
    try {
      stub.describe();
      return true;
    } catch (RuntimeException notYet) {
      return false;
    }
  }
}
