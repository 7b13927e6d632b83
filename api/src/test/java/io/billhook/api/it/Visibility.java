package io.billhook.api.it;

import io.billhook.core.embedded.Poll;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** What ops can ask a Temporal server about Billhook's runs, through its public APIs. */
final class Visibility {
  private final WorkflowClient client;

  Visibility(WorkflowClient client) {
    this.client = client;
  }

  /** The ids of the runs a visibility query lists (ListWorkflowExecutions, as the UI uses). */
  List<String> workflowIds(String query) {
    return client.listExecutions(query).map(m -> m.getExecution().getWorkflowId()).toList();
  }

  List<WorkflowExecutionMetadata> list(String query) {
    return client.listExecutions(query).toList();
  }

  /**
   * Polls the query until its result satisfies the check (visibility is updated asynchronously).
   */
  List<String> awaitWorkflowIds(String query, Predicate<List<String>> check) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<String> ids;
    do {
      ids = workflowIds(query);
      if (check.test(ids)) {
        return ids;
      }
      Poll.sleep(250);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("query [" + query + "] still lists " + ids);
  }

  /** The summary the run was started with (DescribeWorkflowExecution, user metadata). */
  String staticSummary(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId).describe().getStaticSummary();
  }

  List<HistoryEvent> history(String workflowId) {
    return client.fetchHistory(workflowId).getEvents();
  }

  /**
   * "type: summary" of every activity the run scheduled and every local activity it recorded (a
   * first delivery attempt), as the UI's timeline labels them.
   */
  List<String> activities(String workflowId) {
    return history(workflowId).stream()
        .filter(e -> activityType(e) != null)
        .map(e -> activityType(e) + ": " + text(e.getUserMetadata().getSummary()))
        .toList();
  }

  private String activityType(HistoryEvent e) {
    if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
      return e.getActivityTaskScheduledEventAttributes().getActivityType().getName();
    }
    if (e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED
        && e.getMarkerRecordedEventAttributes().getMarkerName().equals("LocalActivity")) {
      return text(e.getMarkerRecordedEventAttributes().getDetailsOrThrow("type").getPayloads(0));
    }
    return null;
  }

  /** The message the run failed with, as the UI shows it in the run's result. */
  String failureMessage(String workflowId) {
    return history(workflowId).stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED)
        .map(e -> e.getWorkflowExecutionFailedEventAttributes().getFailure().getMessage())
        .findFirst()
        .orElseThrow(() -> new AssertionError(workflowId + " did not fail"));
  }

  private String text(Payload payload) {
    return client.getOptions().getDataConverter().fromPayload(payload, String.class, String.class);
  }
}
