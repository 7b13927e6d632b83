package io.billhook.workflows.histories;

import static io.billhook.workflows.delivery.ScriptedDeliveryActivities.BUSY;
import static io.billhook.workflows.delivery.ScriptedDeliveryActivities.DISABLED;
import static io.billhook.workflows.delivery.ScriptedDeliveryActivities.NO_RESPONSE;
import static io.billhook.workflows.histories.HistoryRecorder.VENDOR;

import io.billhook.workflows.SearchAttributes;
import io.billhook.workflows.TaskQueues;
import io.billhook.workflows.delivery.DeliveryTarget;
import io.billhook.workflows.delivery.EventDeliveryInput;
import io.billhook.workflows.delivery.EventDeliveryWorkflow;
import io.billhook.workflows.delivery.RetrySchedule;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The recorded cases of {@code EventDeliveryWorkflow}; see {@link HistoryRecorder}. */
@EnabledIfSystemProperty(named = "histories.record", matches = "true")
class RecordDeliveryHistories {

  @Test
  void deliveredAtTheFirstAttempt() {
    record("delivered-first-attempt", Map.of("ep_1", List.of(200)));
  }

  @Test
  void deliveredAtTheFirstAttemptToThreeEndpoints() {
    record(
        "delivered-first-attempt-fan-out-3",
        ordered("ep_1", List.of(200), "ep_2", List.of(204), "ep_3", List.of(200)));
  }

  @Test
  void retriedThenDelivered() {
    record("retried-then-delivered", Map.of("ep_1", List.of(503, 500, 200)));
  }

  @Test
  void firstAttemptWithoutResponseThenDelivered() {
    record("no-response-then-delivered", Map.of("ep_1", List.of(NO_RESPONSE, 200)));
  }

  @Test
  void gaveUpAfterTheWholeSchedule() {
    record(
        "failed-gave-up",
        Map.of("ep_1", Collections.nCopies(RetrySchedule.DEFAULT.maxAttempts(), 503)));
  }

  @Test
  void goneAtTheFirstAttempt() {
    record("failed-gone-410", Map.of("ep_1", List.of(410)));
  }

  @Test
  void goneOnARetry() {
    record("failed-gone-410-on-retry", Map.of("ep_1", List.of(503, 410)));
  }

  @Test
  void endpointDisabledBetweenAttempts() {
    record("failed-endpoint-disabled", Map.of("ep_1", List.of(503, DISABLED)));
  }

  @Test
  void oneOfThreeEndpointsFails() {
    record(
        "fan-out-3-one-failed",
        ordered("ep_1", List.of(200), "ep_2", List.of(503, 429, 410), "ep_3", List.of(200)));
  }

  // Since "isolated-attempts": the version marker, a short first attempt, deferrals.

  @Test
  void isolatedDeliveredAtTheFirstAttempt() {
    record("isolated-delivered-first-attempt", Map.of("ep_1", List.of(200)));
  }

  @Test
  void isolatedDeferredForABusyHostThenDelivered() {
    record("isolated-deferred-then-delivered", Map.of("ep_1", List.of(BUSY, BUSY, 200)));
  }

  @Test
  void isolatedRetriedDeferredThenDelivered() {
    record(
        "isolated-fan-out-2-retried-deferred",
        ordered("ep_1", List.of(503, BUSY, 200), "ep_2", List.of(200)));
  }

  @Test
  void stillRetrying() {
    Map<String, List<Integer>> script = Map.of("ep_1", List.of(503));
    try (HistoryRecorder recorder = HistoryRecorder.delivering(script)) {
      String workflowId = start(recorder.client(), "evt_retrying01", script);
      recorder.sleep(Duration.ofMinutes(6));
      recorder.save("retrying-in-flight", workflowId);
    }
  }

  private static void record(String caseName, Map<String, List<Integer>> script) {
    try (HistoryRecorder recorder = HistoryRecorder.delivering(script)) {
      String workflowId = start(recorder.client(), "evt_" + caseName.replace('-', '_'), script);
      try {
        recorder.client().newUntypedWorkflowStub(workflowId).getResult(List.class);
      } catch (WorkflowFailedException failed) {
        // A delivery that failed fails its run: that is the case being recorded.
      }
      recorder.save(caseName, workflowId);
    }
  }

  /** Starts the run the way the API does (ids, search attributes, summary), with made-up data. */
  private static String start(
      WorkflowClient client, String eventId, Map<String, List<Integer>> script) {
    List<DeliveryTarget> targets =
        script.keySet().stream()
            .map(id -> new DeliveryTarget(id, "http://127.0.0.1:9000/webhooks/" + id))
            .toList();
    String body =
        "{\"id\":\""
            + eventId
            + "\",\"type\":\"payment.received\",\"timestamp\":\"2026-01-15T10:00:00Z\","
            + "\"data\":{\"customerId\":\"cus_1\",\"amount\":30,\"currency\":\"EUR\"}}";
    String workflowId = EventDeliveryWorkflow.workflowId(VENDOR, eventId);
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(TaskQueues.BILLHOOK)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setTypedSearchAttributes(
                io.temporal.common.SearchAttributes.newBuilder()
                    .set(SearchAttributes.VENDOR_ID, VENDOR)
                    .set(SearchAttributes.EVENT_TYPE, "payment.received")
                    .set(SearchAttributes.CUSTOMER_ID, "cus_1")
                    .build())
            .setStaticSummary(
                "payment.received for "
                    + VENDOR
                    + " → "
                    + targets.size()
                    + (targets.size() == 1 ? " endpoint" : " endpoints"))
            .build();
    EventDeliveryWorkflow workflow = client.newWorkflowStub(EventDeliveryWorkflow.class, options);
    WorkflowClient.start(
        workflow::deliver,
        new EventDeliveryInput(
            VENDOR,
            eventId,
            "payment.received",
            body,
            targets,
            RetrySchedule.DEFAULT.maxAttempts()));
    return workflowId;
  }

  private static Map<String, List<Integer>> ordered(Object... endpointsAndStatuses) {
    Map<String, List<Integer>> script = new LinkedHashMap<>();
    for (int i = 0; i < endpointsAndStatuses.length; i += 2) {
      @SuppressWarnings("unchecked")
      List<Integer> statuses = (List<Integer>) endpointsAndStatuses[i + 1];
      script.put((String) endpointsAndStatuses[i], statuses);
    }
    return script;
  }
}
