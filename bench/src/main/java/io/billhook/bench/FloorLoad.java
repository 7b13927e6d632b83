package io.billhook.bench;

import io.billhook.workflows.SearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Starts floor workflows as fast as a fixed number of clients can, like the load generator. */
final class FloorLoad {
  private final WorkflowClient client;

  FloorLoad(WorkflowClient client) {
    this.client = client;
  }

  /** Each client starts its next workflow as soon as the previous start returned. */
  Accepts start(String tag, int endpoints, int clients, Duration duration, String body) {
    Accepts starts = new Accepts();
    long end = starts.firstSendNanos + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int first = c;
      Thread thread =
          new Thread(
              () -> {
                for (int i = first; System.nanoTime() < end; i += clients) {
                  String id = "floor/" + tag + "/" + i;
                  long sent = System.nanoTime();
                  try {
                    WorkflowClient.start(stub(tag, id)::deliver, endpoints, body);
                    starts.accepted(id, sent, System.nanoTime());
                  } catch (RuntimeException e) {
                    starts.failed(e.toString());
                  }
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return starts;
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
