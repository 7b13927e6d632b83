package io.billhook.workflows.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.workflows.SearchAttributes;
import io.billhook.workflows.TaskQueues;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The timers of entity workflows as ops see them: a re-plan (a report, new settings) cancels the
 * pending timer instead of leaving it to wake the workflow later, every timer is named for the
 * event it plans, and a running entity says what it waits for.
 */
class EntityTimersTest {
  private static final Duration DAY = Duration.ofDays(1);

  @RegisterExtension
  final LifecycleWorkflowEnvironment env =
      new LifecycleWorkflowEnvironment(
          TrialLifecycleWorkflowImpl.class, SubscriptionLifecycleWorkflowImpl.class);

  @Test
  void renewalsCancelTheirPendingExpiryInsteadOfFiringItLater() {
    Instant end = env.now().plus(DAY.multipliedBy(30));
    SubscriptionLifecycleWorkflow sub = subscription("sub_t", end);
    for (int month = 1; month <= 3; month++) {
      env.sleep(DAY.multipliedBy(29));
      end = end.plus(DAY.multipliedBy(30));
      sub.report(report("evt_r" + month, "subscription.renewed", end));
    }
    // Past every period the renewals replaced, and past the last one's grace.
    env.sleep(Duration.between(env.now(), end).plus(DAY.multipliedBy(2)));

    List<HistoryEvent> history = history(SubscriptionLifecycleWorkflow.workflowId("acme", "sub_t"));
    assertThat(count(history, EventType.EVENT_TYPE_TIMER_CANCELED)).isEqualTo(3);
    assertThat(count(history, EventType.EVENT_TYPE_TIMER_FIRED)).isEqualTo(1);
    assertThat(timerSummaries(history)).containsOnly("subscription.expired").hasSize(4);
    assertThat(env.activities.emitted).hasSize(1);
    assertThat(env.activities.emitted.get(0).event().at()).isEqualTo(end.plus(DAY));
  }

  @Test
  void newSettingsCancelTheTimerTheyReplan() {
    Instant end = env.now().plus(DAY.multipliedBy(30));
    TrialLifecycleWorkflow trial = trial("tr_t", end);
    env.sleep(DAY);
    trial.changeSettings(new LifecycleSettings(DAY, DAY, 1));
    env.sleep(DAY.multipliedBy(30));

    List<HistoryEvent> history = history(TrialLifecycleWorkflow.workflowId("acme", "tr_t"));
    assertThat(count(history, EventType.EVENT_TYPE_TIMER_CANCELED)).isEqualTo(1);
    assertThat(count(history, EventType.EVENT_TYPE_TIMER_FIRED)).isEqualTo(2);
    assertThat(timerSummaries(history))
        .containsExactly("trial.expiring", "trial.expiring", "trial.expired");
    assertThat(env.activities.order).containsExactly("trial.expiring", "trial.expired");
    assertThat(env.activities.emitted.get(0).event().at()).isEqualTo(end.minus(DAY));
  }

  @Test
  void aRunningEntityShowsItsStateAndNextEvent() {
    Instant end = env.now().plus(DAY.multipliedBy(30));
    TrialLifecycleWorkflow trial = trial("tr_d", end);
    env.sleep(Duration.ofMinutes(1));
    assertThat(currentDetails(trial))
        .isEqualTo("trialing; next trial.expiring at " + end.minus(Duration.ofHours(72)));

    env.sleep(DAY.multipliedBy(31));
    assertThat(currentDetails(trial)).isEqualTo("expired");
  }

  @Test
  void theCustomerIdSearchAttributeFollowsTheReportedCustomer() {
    SubscriptionLifecycleWorkflow sub = subscription("sub_c", env.now().plus(DAY.multipliedBy(30)));
    TrialLifecycleWorkflow trial = trial("tr_c", env.now().plus(DAY.multipliedBy(30)));

    for (Object entity : List.of(sub, trial)) {
      assertThat(
              WorkflowStub.fromTyped(entity)
                  .describe()
                  .getTypedSearchAttributes()
                  .get(SearchAttributes.CUSTOMER_ID))
          .isEqualTo("c1");
    }
  }

  /** Details reported after a continue-as-new still come out sorted among the earlier ones. */
  @Test
  void generatedEventDataHasOneOrderWhateverTheReportedOrder() {
    Instant end = env.now().plus(DAY.multipliedBy(30));
    SubscriptionLifecycleWorkflow sub = subscription("sub_o", end, 10);
    String firstRun = WorkflowStub.fromTyped(sub).getExecution().getRunId();
    env.sleep(DAY);
    sub.report(report("evt_r", "subscription.renewed", end.plus(DAY)));
    env.sleep(DAY);
    assertThat(
            env.getWorkflowClient()
                .newUntypedWorkflowStub(SubscriptionLifecycleWorkflow.workflowId("acme", "sub_o"))
                .describe()
                .getExecution()
                .getRunId())
        .isNotEqualTo(firstRun);
    sub.report(
        new SubscriptionReport(
            "evt_o",
            "subscription.renewed",
            "c1",
            end.plus(DAY.multipliedBy(2)),
            true,
            Map.of("zone", "eu", "planId", "monthly", "addon", "sports")));
    env.sleep(DAY.multipliedBy(35));

    assertThat(env.activities.emitted.get(0).event().data().keySet())
        .containsExactly(
            "subscriptionId",
            "customerId",
            "addon",
            "planId",
            "productId",
            "zone",
            "currentPeriodEnd",
            "reason");
  }

  /**
   * A trial started with its report (update-with-start, as the API starts it, with the default
   * first-report patience) has its report before it asks for it, so it starts no patience timer:
   * past the patience nothing has fired, and its only timer is the one for its next event.
   */
  @Test
  void aTrialStartedWithItsReportLeavesNoPatienceTimerBehind() {
    TrialLifecycleWorkflow trial =
        env.getWorkflowClient()
            .newWorkflowStub(
                TrialLifecycleWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(TrialLifecycleWorkflow.workflowId("acme", "tr_p"))
                    .setTaskQueue(TaskQueues.BILLHOOK)
                    .setWorkflowIdConflictPolicy(
                        WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                    .build());
    WorkflowClient.executeUpdateWithStart(
        trial::start,
        new TrialStarted("evt_s", "c1", env.now().plus(DAY.multipliedBy(30)), Map.of()),
        UpdateOptions.<TrialView>newBuilder()
            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
            .build(),
        new WithStartWorkflowOperation<>(
            trial::run, TrialState.initial("acme", "tr_p", LifecycleSettings.DEFAULT)));
    env.sleep(FirstReport.PATIENCE.multipliedBy(2));

    List<HistoryEvent> history = history(TrialLifecycleWorkflow.workflowId("acme", "tr_p"));
    assertThat(count(history, EventType.EVENT_TYPE_TIMER_FIRED)).isZero();
    assertThat(count(history, EventType.EVENT_TYPE_TIMER_STARTED)).isEqualTo(1);
    assertThat(timerSummaries(history)).containsExactly("trial.expiring");
  }

  private TrialLifecycleWorkflow trial(String trialId, Instant end) {
    TrialLifecycleWorkflow trial =
        env.newWorkflowStub(
            TrialLifecycleWorkflow.class, TrialLifecycleWorkflow.workflowId("acme", trialId));
    TrialState state = TrialState.initial("acme", trialId, LifecycleSettings.DEFAULT);
    state.firstReportPatienceSeconds = 0;
    WorkflowClient.start(trial::run, state);
    trial.start(new TrialStarted("evt_s", "c1", end, Map.of("productId", "iptv-basic")));
    return trial;
  }

  private SubscriptionLifecycleWorkflow subscription(String subscriptionId, Instant end) {
    return subscription(subscriptionId, end, 2000);
  }

  private SubscriptionLifecycleWorkflow subscription(
      String subscriptionId, Instant end, int historyLimit) {
    SubscriptionLifecycleWorkflow sub =
        env.newWorkflowStub(
            SubscriptionLifecycleWorkflow.class,
            SubscriptionLifecycleWorkflow.workflowId("acme", subscriptionId));
    SubscriptionState state =
        SubscriptionState.initial("acme", subscriptionId, LifecycleSettings.DEFAULT);
    state.firstReportPatienceSeconds = 0;
    state.historyLimit = historyLimit;
    WorkflowClient.start(sub::run, state);
    sub.report(report("evt_c", "subscription.created", end));
    return sub;
  }

  private static SubscriptionReport report(String eventId, String type, Instant end) {
    return new SubscriptionReport(eventId, type, "c1", end, true, Map.of("productId", "iptv-gold"));
  }

  private String currentDetails(Object workflow) {
    return WorkflowStub.fromTyped(workflow)
        .query("__temporal_workflow_metadata", WorkflowMetadata.class)
        .getCurrentDetails();
  }

  private List<HistoryEvent> history(String workflowId) {
    return env.getWorkflowClient().fetchHistory(workflowId).getEvents();
  }

  private static long count(List<HistoryEvent> history, EventType type) {
    return history.stream().filter(e -> e.getEventType() == type).count();
  }

  /** The summary of every timer started, in order, as the Temporal UI shows it. */
  private static List<String> timerSummaries(List<HistoryEvent> history) {
    return history.stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED)
        .map(
            e ->
                DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                    e.getUserMetadata().getSummary(), String.class, String.class))
        .toList();
  }
}
