package io.billhook.bench;

import io.billhook.core.embedded.Poll;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;

/** What the Temporal API says about the runs: how many completed, and what one run cost. */
final class TemporalProbe {
  private final WorkflowClient client;

  TemporalProbe(WorkflowClient client) {
    this.client = client;
  }

  /** Runs tagged with this VendorId search attribute that completed. */
  long completed(String vendorId) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .countWorkflowExecutions(
            CountWorkflowExecutionsRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setQuery("VendorId = '" + vendorId + "' AND ExecutionStatus = 'Completed'")
                .build())
        .getCount();
  }

  /** Polls until {@code expected} runs completed; System.nanoTime() when seen, -1 on timeout. */
  long awaitCompleted(String vendorId, long expected, Duration timeout) {
    return Poll.until(timeout, 100, () -> completed(vendorId) >= expected) ? System.nanoTime() : -1;
  }

  /** The history of these runs, on average: events, workflow tasks, activities, local ones. */
  Shape shape(List<String> workflowIds) {
    double events = 0, tasks = 0, activities = 0, local = 0;
    for (String id : workflowIds) {
      for (HistoryEvent e : client.fetchHistory(id).getEvents()) {
        events++;
        if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
          tasks++;
        } else if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
          activities++;
        } else if (e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED
            && e.getMarkerRecordedEventAttributes().getMarkerName().equals("LocalActivity")) {
          local++;
        }
      }
    }
    int n = Math.max(1, workflowIds.size());
    return new Shape(events / n, tasks / n, activities / n, local / n, workflowIds.size());
  }

  /** Averages per run over {@code sampled} runs. */
  record Shape(
      double historyEvents,
      double workflowTasks,
      double activities,
      double localActivities,
      int sampled) {
    @Override
    public String toString() {
      return String.format(
          "%.1f history events, %.1f workflow tasks, %.1f activities, %.1f local activities"
              + " (mean of %d runs)",
          historyEvents, workflowTasks, activities, localActivities, sampled);
    }
  }
}
