package io.billhook.workflows.histories;

import static io.billhook.workflows.histories.HistoryRecorder.VENDOR;

import io.billhook.workflows.SearchAttributes;
import io.billhook.workflows.TaskQueues;
import io.billhook.workflows.lifecycle.LifecycleSettings;
import io.billhook.workflows.lifecycle.ReportedEvent;
import io.billhook.workflows.lifecycle.SubscriptionLifecycleWorkflow;
import io.billhook.workflows.lifecycle.SubscriptionReport;
import io.billhook.workflows.lifecycle.SubscriptionState;
import io.billhook.workflows.lifecycle.TrialConversion;
import io.billhook.workflows.lifecycle.TrialLifecycleWorkflow;
import io.billhook.workflows.lifecycle.TrialStarted;
import io.billhook.workflows.lifecycle.TrialState;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import java.time.Instant;
import java.util.Map;

/**
 * Lifecycle reports sent the way the API sends them (update-with-start for the first, then updates,
 * each carrying the reported event to publish), with made-up ids and bodies.
 */
final class EntityReports {
  private final HistoryRecorder recorder;
  private int reports;
  private String lastTrialStart;
  private boolean customerAttribute = true;

  EntityReports(HistoryRecorder recorder) {
    this.recorder = recorder;
  }

  /**
   * Starts the next entities without the {@code CustomerId} search attribute (as a run whose first
   * report named no customer), so that their workflow sets it from the reports.
   */
  EntityReports withoutCustomerAttribute() {
    customerAttribute = false;
    return this;
  }

  /** Starts trial {@code trialId} of customer {@code cus_1}; returns its workflow id. */
  String startTrial(String trialId, Instant trialEnd) {
    TrialLifecycleWorkflow trial = newTrial(trialId);
    TrialStarted started =
        new TrialStarted(
            nextEventId(),
            "cus_1",
            trialEnd,
            Map.of("productId", "iptv-basic"),
            event("trial.started"));
    lastTrialStart = started.eventId();
    WorkflowClient.executeUpdateWithStart(
        trial::start,
        started,
        completed(started.eventId()),
        new WithStartWorkflowOperation<>(
            trial::run, TrialState.initial(VENDOR, trialId, LifecycleSettings.DEFAULT)));
    return TrialLifecycleWorkflow.workflowId(VENDOR, trialId);
  }

  /** Reports the last trial.started again (a retried report): nothing changes. */
  void repeatTrialStart(String trialId, Instant trialEnd) {
    trial(trialId).start(new TrialStarted(lastTrialStart, "cus_1", trialEnd, Map.of(), null));
  }

  void convertTrial(String trialId, String subscriptionId) {
    trial(trialId).convert(new TrialConversion(nextEventId(), subscriptionId));
  }

  /** Creates subscription {@code subscriptionId}; returns its workflow id. */
  String createSubscription(String subscriptionId, Instant periodEnd, int historyLimit) {
    SubscriptionLifecycleWorkflow subscription = newSubscription(subscriptionId);
    SubscriptionReport created = report("subscription.created", periodEnd, true);
    SubscriptionState state =
        SubscriptionState.initial(VENDOR, subscriptionId, LifecycleSettings.DEFAULT);
    state.historyLimit = historyLimit;
    WorkflowClient.executeUpdateWithStart(
        subscription::report,
        created,
        completed(created.eventId()),
        new WithStartWorkflowOperation<>(subscription::run, state));
    return SubscriptionLifecycleWorkflow.workflowId(VENDOR, subscriptionId);
  }

  /** Reports {@code type} for the subscription; returns the report, to repeat it if needed. */
  SubscriptionReport report(
      String subscriptionId, String type, Instant periodEnd, boolean cancelAtPeriodEnd) {
    SubscriptionReport report = report(type, periodEnd, cancelAtPeriodEnd);
    subscription(subscriptionId).report(report);
    return report;
  }

  void repeat(String subscriptionId, SubscriptionReport report) {
    subscription(subscriptionId).report(report);
  }

  private SubscriptionReport report(String type, Instant periodEnd, boolean cancelAtPeriodEnd) {
    return new SubscriptionReport(
        nextEventId(),
        type,
        "cus_1",
        periodEnd,
        cancelAtPeriodEnd,
        Map.of("planId", "monthly", "productId", "iptv-gold"),
        event(type),
        null);
  }

  private TrialLifecycleWorkflow trial(String trialId) {
    return recorder
        .client()
        .newWorkflowStub(
            TrialLifecycleWorkflow.class, TrialLifecycleWorkflow.workflowId(VENDOR, trialId));
  }

  private SubscriptionLifecycleWorkflow subscription(String subscriptionId) {
    return recorder
        .client()
        .newWorkflowStub(
            SubscriptionLifecycleWorkflow.class,
            SubscriptionLifecycleWorkflow.workflowId(VENDOR, subscriptionId));
  }

  private TrialLifecycleWorkflow newTrial(String trialId) {
    return recorder
        .client()
        .newWorkflowStub(
            TrialLifecycleWorkflow.class,
            options(TrialLifecycleWorkflow.workflowId(VENDOR, trialId), "trial " + trialId));
  }

  private SubscriptionLifecycleWorkflow newSubscription(String subscriptionId) {
    return recorder
        .client()
        .newWorkflowStub(
            SubscriptionLifecycleWorkflow.class,
            options(
                SubscriptionLifecycleWorkflow.workflowId(VENDOR, subscriptionId),
                "subscription " + subscriptionId));
  }

  /** An update, with the report's event id as its id, answered once it has completed. */
  private static UpdateOptions<Object> completed(String eventId) {
    return UpdateOptions.<Object>newBuilder()
        .setUpdateId(eventId)
        .setWaitForStage(WorkflowUpdateStage.COMPLETED)
        .build();
  }

  private WorkflowOptions options(String workflowId, String entity) {
    io.temporal.common.SearchAttributes.Builder attributes =
        io.temporal.common.SearchAttributes.newBuilder().set(SearchAttributes.VENDOR_ID, VENDOR);
    if (customerAttribute) {
      attributes.set(SearchAttributes.CUSTOMER_ID, "cus_1");
    }
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(TaskQueues.BILLHOOK)
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setTypedSearchAttributes(attributes.build())
        .setStaticSummary(entity + " of customer cus_1 (" + VENDOR + ")")
        .build();
  }

  private String nextEventId() {
    return "evt_report" + ++reports;
  }

  private ReportedEvent event(String type) {
    String id = "evt_report" + reports;
    Instant now = recorder.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String body =
        "{\"id\":\""
            + id
            + "\",\"type\":\""
            + type
            + "\",\"timestamp\":\""
            + now
            + "\",\"data\":{\"customerId\":\"cus_1\"}}";
    return new ReportedEvent(VENDOR, id, type, now, body);
  }
}
