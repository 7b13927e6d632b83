package io.billhook.bench;

import io.billhook.core.embedded.Poll;
import io.billhook.workflows.lifecycle.SubscriptionLifecycleWorkflow;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A settings change reaching every waiting subscription: {@code PUT /v1/vendors/{v}/settings}
 * starts a rollout workflow that signals each running entity, a page at a time. Timed twice: until
 * the rollout completed (every signal durably in its entity's history), and until sampled entities
 * had handled theirs in a workflow task (the timers re-planned), the last ones in key order (the
 * rollout's order) among them.
 */
final class SettingsRollout {
  private static final Duration TIMEOUT = Duration.ofMinutes(30);
  private static final int SAMPLED = 20;

  /** Seconds from the PUT being sent. */
  record Result(int entities, double signalledSeconds, double appliedSeconds, int sampled) {
    @Override
    public String toString() {
      return String.format(
          "settings change to %,d waiting subscriptions: all signalled (rollout completed) in"
              + " %.1f s; re-planned by the sampled entities (the last %d in key order among"
              + " them) in %.1f s",
          entities, signalledSeconds, sampled / 2, appliedSeconds);
    }
  }

  private SettingsRollout() {}

  static Result run(Stack stack, String vendor, List<String> subscriptionIds)
      throws IOException, InterruptedException {
    WorkflowClient client = stack.client;
    Instant sent = Instant.now();
    // The lead of trials only: the subscriptions' timers stay where they are, so the expiries
    // the test awaits next are due when they were.
    stack.api.putSettings(vendor, "{\"trialExpiringLead\":\"PT48H\"}");
    String workflowId = rolloutId(client, vendor, sent);
    Instant closed = awaitClosed(client, workflowId);
    Instant applied = closed;
    for (String id : sample(subscriptionIds)) {
      String entity = SubscriptionLifecycleWorkflow.workflowId(vendor, id);
      Instant at = awaitApplied(client, entity, sent);
      applied = at.isAfter(applied) ? at : applied;
    }
    return new Result(
        subscriptionIds.size(), seconds(sent, closed), seconds(sent, applied), SAMPLED);
  }

  /** Half the sample is the last entities in the rollout's (string) order, half spread evenly. */
  private static List<String> sample(List<String> ids) {
    List<String> sorted = ids.stream().sorted().toList();
    int half = Math.min(SAMPLED / 2, sorted.size());
    return IntStream.range(0, SAMPLED)
        .mapToObj(
            i ->
                i < half
                    ? sorted.get(sorted.size() - 1 - i)
                    : sorted.get((i - half) * sorted.size() / SAMPLED))
        .distinct()
        .toList();
  }

  private static String rolloutId(WorkflowClient client, String vendor, Instant after) {
    String prefix = "settings/" + vendor + "/";
    String query =
        "WorkflowType = 'SettingsRolloutWorkflow' AND StartTime >= '" + after.minusSeconds(5) + "'";
    String[] found = new String[1];
    Poll.until(
        Duration.ofMinutes(1),
        200,
        () -> {
          Optional<String> id =
              client
                  .getWorkflowServiceStubs()
                  .blockingStub()
                  .listWorkflowExecutions(
                      ListWorkflowExecutionsRequest.newBuilder()
                          .setNamespace(client.getOptions().getNamespace())
                          .setQuery(query)
                          .build())
                  .getExecutionsList()
                  .stream()
                  .map(e -> e.getExecution().getWorkflowId())
                  .filter(w -> w.startsWith(prefix))
                  .findFirst();
          id.ifPresent(w -> found[0] = w);
          return id.isPresent();
        });
    if (found[0] == null) {
      throw new IllegalStateException("no rollout workflow for " + vendor + " appeared");
    }
    return found[0];
  }

  /** When the rollout's last run completed (it continues as new every 100 pages). */
  private static Instant awaitClosed(WorkflowClient client, String workflowId) {
    WorkflowExecutionMetadata[] run = new WorkflowExecutionMetadata[1];
    Poll.until(
        TIMEOUT,
        250,
        () -> {
          run[0] = client.newUntypedWorkflowStub(workflowId).describe();
          return run[0].getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
        });
    if (run[0].getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      throw new IllegalStateException("rollout " + workflowId + " ended " + run[0].getStatus());
    }
    return run[0].getCloseTime();
  }

  /** When the entity completed the first workflow task after a signal it got since {@code sent}. */
  private static Instant awaitApplied(WorkflowClient client, String workflowId, Instant sent) {
    Instant[] at = new Instant[1];
    Poll.until(
        TIMEOUT,
        250,
        () -> {
          boolean signalled = false;
          for (HistoryEvent e : client.fetchHistory(workflowId).getEvents()) {
            if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED
                && !instant(e.getEventTime()).isBefore(sent)) {
              signalled = true;
              at[0] = null;
            } else if (signalled
                && at[0] == null
                && e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
              at[0] = instant(e.getEventTime());
            }
          }
          return at[0] != null;
        });
    if (at[0] == null) {
      throw new IllegalStateException(workflowId + " did not handle the new settings");
    }
    return at[0];
  }

  private static Instant instant(com.google.protobuf.Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }
}
