package io.billhook.bench;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;

/**
 * The floor's worker, a process of its own like Billhook's app, with the SDK's default worker
 * options like Billhook's WorkerConfiguration: {@code FloorWorker host:port}.
 */
public final class FloorWorker {
  private FloorWorker() {}

  public static void main(String[] args) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(args[0]).build());
    WorkerFactory factory = WorkerFactory.newInstance(WorkflowClient.newInstance(stubs));
    Worker worker = factory.newWorker(FloorWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(FloorWorkflowImpl.class);
    worker.registerActivitiesImplementations((FloorActivities) body -> {});
    factory.start();
    System.out.println("floor worker polling " + FloorWorkflow.TASK_QUEUE);
  }
}
