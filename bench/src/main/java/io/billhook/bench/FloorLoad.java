package io.billhook.bench;

import io.billhook.workflows.SearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;

/** Starts floor workflows as fast as a fixed number of clients can, like the load generator. */
final class FloorLoad {
  private final WorkflowClient client;

  FloorLoad(WorkflowClient client) {
    this.client = client;
  }

  /** Each client starts its next workflow as soon as the previous start returned. */
  Accepts start(String tag, int endpoints, int clients, Duration duration, String body) {
    return Accepts.closedLoop(
        clients,
        duration,
        Integer.MAX_VALUE,
        (starts, i) -> {
          String id = "floor/" + tag + "/" + i;
          long sent = System.nanoTime();
          try {
            WorkflowClient.start(stub(tag, id)::deliver, endpoints, body);
            starts.accepted(id, sent, System.nanoTime());
          } catch (RuntimeException e) {
            starts.failed(e.toString());
          }
        });
  }

  private FloorWorkflow stub(String tag, String id) {
    return client.newWorkflowStub(
        FloorWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(id)
            .setTaskQueue(FloorWorkflow.TASK_QUEUE)
            .setTypedSearchAttributes(
                io.temporal.common.SearchAttributes.newBuilder()
                    .set(SearchAttributes.VENDOR_ID, tag)
                    .build())
            .build());
  }
}
