package io.billhook.workflows.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.workflows.LifecycleTestWorkers;
import io.billhook.workflows.SearchAttributes;
import io.billhook.workflows.TaskQueues;
import io.billhook.workflows.TestSearchAttributes;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an entity costs Temporal on the current shape: its report is published and its due events
 * emitted inside the workflow task that decides them, so a subscription created and expired takes
 * two workflow tasks and no activity task. A publish that keeps failing there still lands, through
 * an activity; an entity started on the old task queue moves to the lifecycle queue when it
 * continues as new, and its next event still fires when planned.
 */
class EntityTaskCostTest {
  private static final Duration DAY = Duration.ofDays(1);
  private static final LifecycleSettings SETTINGS =
      new LifecycleSettings(Duration.ofHours(72), Duration.ofSeconds(5), 1);

  private TestWorkflowEnvironment env;
  private final AtomicInteger publishFailures = new AtomicInteger();
  private RecordingLifecycleActivities activities;

  @BeforeEach
  void setUp() {
    env = TestSearchAttributes.registerAll(TestWorkflowEnvironment.newInstance());
    activities =
        new RecordingLifecycleActivities(() -> Instant.ofEpochMilli(env.currentTimeMillis())) {
          @Override
          public void publish(ReportedEvent event) {
            if (publishFailures.getAndDecrement() > 0) {
              throw new IllegalStateException("PostgreSQL is away");
            }
            super.publish(event);
          }
        };
    LifecycleTestWorkers.onBothQueues(
        env,
        List.of(SubscriptionLifecycleWorkflowImpl.class, TrialLifecycleWorkflowImpl.class),
        activities);
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void aSubscriptionCreatedThenExpiredTakesTwoWorkflowTasksAndNoActivityTask() {
    Instant end = now().plus(DAY.multipliedBy(30));
    String id = create("sub_1", TaskQueues.LIFECYCLE, end, 2000);
    env.sleep(DAY.multipliedBy(31));

    List<HistoryEvent> history = history(id);
    assertThat(count(history, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)).isEqualTo(2);
    assertThat(count(history, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).isZero();
    assertThat(history).hasSize(15);
    assertThat(activities.order).containsExactly("subscription.created", "subscription.expired");
    assertEmittedWhenDue(end.plus(SETTINGS.renewalGrace()));
  }

  @Test
  void aTrialStartedWarnedAndExpiredTakesThreeWorkflowTasksAndNoActivityTask() {
    String id = TrialLifecycleWorkflow.workflowId("acme", "tr_1");
    TrialLifecycleWorkflow trial = newStub(TrialLifecycleWorkflow.class, id, TaskQueues.LIFECYCLE);
    Instant end = now().plus(DAY.multipliedBy(10));
    WorkflowClient.executeUpdateWithStart(
        trial::start,
        new TrialStarted("evt_t", "c1", end, Map.of(), event("evt_t", "trial.started")),
        UpdateOptions.<TrialView>newBuilder().setUpdateId("evt_t").build(),
        new WithStartWorkflowOperation<>(trial::run, TrialState.initial("acme", "tr_1", SETTINGS)));
    env.sleep(DAY.multipliedBy(11));

    List<HistoryEvent> history = history(id);
    assertThat(count(history, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)).isEqualTo(3);
    assertThat(count(history, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).isZero();
    assertThat(activities.order)
        .containsExactly("trial.started", "trial.expiring", "trial.expired");
  }

  @Test
  void aPublishThatKeepsFailingInTheTaskLandsThroughAnActivity() {
    publishFailures.set(2);
    String id = create("sub_2", TaskQueues.LIFECYCLE, now().plus(DAY), 2000);

    List<HistoryEvent> history = history(id);
    assertThat(count(history, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)).isEqualTo(1);
    assertThat(activities.order).containsExactly("subscription.created");
  }

  @Test
  void anEntityOnTheOldQueueContinuesOnTheLifecycleQueueAndFiresWhenPlanned() {
    Instant end = now().plus(DAY.multipliedBy(30));
    // A limit that the history passes once the renewal has been applied.
    String id = create("sub_3", TaskQueues.BILLHOOK, end, 10);
    String firstRun = runId(id);
    env.sleep(DAY);
    Instant renewed = end.plus(DAY.multipliedBy(30));
    env.getWorkflowClient()
        .newWorkflowStub(SubscriptionLifecycleWorkflow.class, id)
        .report(report("evt_r", "subscription.renewed", renewed));
    env.sleep(DAY);

    assertThat(runId(id)).isNotEqualTo(firstRun);
    assertThat(taskQueue(env.getWorkflowClient().fetchHistory(id, firstRun).getEvents()))
        .isEqualTo(TaskQueues.BILLHOOK);
    assertThat(taskQueue(history(id))).isEqualTo(TaskQueues.LIFECYCLE);
    assertThat(
            WorkflowStub.fromTyped(
                    env.getWorkflowClient()
                        .newWorkflowStub(SubscriptionLifecycleWorkflow.class, id))
                .describe()
                .getTypedSearchAttributes()
                .get(SearchAttributes.CUSTOMER_ID))
        .isEqualTo("c1");

    env.sleep(Duration.between(now(), renewed).plus(DAY));
    assertThat(activities.types()).containsExactly("subscription.expired");
    assertEmittedWhenDue(renewed.plus(SETTINGS.renewalGrace()));
  }

  private void assertEmittedWhenDue(Instant due) {
    assertThat(activities.emitted.get(0).event().at()).isEqualTo(due);
    assertThat(activities.emitted.get(0).emittedAt()).isBetween(due, due.plusSeconds(1));
  }

  /** Creates the subscription as the API does (update-with-start), on {@code queue}. */
  private String create(String subscriptionId, String queue, Instant end, int historyLimit) {
    String id = SubscriptionLifecycleWorkflow.workflowId("acme", subscriptionId);
    SubscriptionLifecycleWorkflow sub = newStub(SubscriptionLifecycleWorkflow.class, id, queue);
    SubscriptionState state = SubscriptionState.initial("acme", subscriptionId, SETTINGS);
    state.historyLimit = historyLimit;
    WorkflowClient.executeUpdateWithStart(
        sub::report,
        report("evt_c", "subscription.created", end),
        UpdateOptions.<SubscriptionView>newBuilder().setUpdateId("evt_c").build(),
        new WithStartWorkflowOperation<>(sub::run, state));
    return id;
  }

  private SubscriptionReport report(String eventId, String type, Instant end) {
    return new SubscriptionReport(
        eventId, type, "c1", end, false, Map.of(), event(eventId, type), null);
  }

  private ReportedEvent event(String eventId, String type) {
    return new ReportedEvent("acme", eventId, type, now(), "{}");
  }

  private <T> T newStub(Class<T> workflow, String workflowId, String queue) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            workflow,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(queue)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setTypedSearchAttributes(
                    io.temporal.common.SearchAttributes.newBuilder()
                        .set(SearchAttributes.CUSTOMER_ID, "c1")
                        .build())
                .build());
  }

  private String runId(String workflowId) {
    return env.getWorkflowClient()
        .newUntypedWorkflowStub(workflowId)
        .describe()
        .getExecution()
        .getRunId();
  }

  private static String taskQueue(List<HistoryEvent> run) {
    return run.get(0).getWorkflowExecutionStartedEventAttributes().getTaskQueue().getName();
  }

  private List<HistoryEvent> history(String workflowId) {
    return env.getWorkflowClient().fetchHistory(workflowId).getEvents();
  }

  private static long count(List<HistoryEvent> history, EventType type) {
    return history.stream().filter(e -> e.getEventType() == type).count();
  }

  private Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }
}
