package io.billhook.workflows.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.workflows.FirstWorkflowTask;
import io.billhook.workflows.TaskQueues;
import io.billhook.workflows.TestSearchAttributes;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Entity workflows replay exactly as they ran, so a query after the worker dropped them from its
 * cache (or restarted) is answered, and their next task runs. The worker here keeps no workflow
 * cached. The hard case is a settings rollout (a signal) arriving in the same workflow task as a
 * report (an update): the handlers run in another order when replayed.
 */
class ReplayAfterEvictionTest {
  private static final LifecycleSettings SETTINGS =
      new LifecycleSettings(Duration.ofSeconds(4), Duration.ofSeconds(3), 1);

  /** Every query and every task replays the run's whole history. */
  private static final WorkerFactoryOptions NO_CACHE =
      WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build();

  private TestWorkflowEnvironment env;
  private Worker worker;
  private final RecordingLifecycleActivities activities =
      new RecordingLifecycleActivities(() -> Instant.ofEpochMilli(env.currentTimeMillis()));

  @BeforeEach
  void setUp() {
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    env = TestWorkflowEnvironment.newInstance(options.setWorkerFactoryOptions(NO_CACHE).build());
    TestSearchAttributes.registerAll(env);
    worker = env.newWorker(TaskQueues.BILLHOOK);
    worker.registerWorkflowImplementationTypes(
        TrialLifecycleWorkflowImpl.class, SubscriptionLifecycleWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void aTrialStartedWithARolloutInItsFirstTaskThenConvertedReplays() throws Exception {
    String id = TrialLifecycleWorkflow.workflowId("acme", "t2");
    Instant end = now().plusSeconds(6);
    TrialLifecycleWorkflow trial = client().newWorkflowStub(TrialLifecycleWorkflow.class, id);
    TrialLifecycleWorkflow starting = newStub(TrialLifecycleWorkflow.class, id);

    firstTaskWithRollout(
        id,
        () ->
            WorkflowClient.startUpdateWithStart(
                starting::start,
                new TrialStarted("evt_t", "c2", end, Map.of(), event("evt_t", "trial.started")),
                accepted("evt_t"),
                new WithStartWorkflowOperation<>(
                    starting::run, TrialState.initial("acme", "t2", SETTINGS))),
        () -> trial.changeSettings(SETTINGS));
    trial.convert(new TrialConversion("evt_s", "s2"));

    TrialView view = trial.view();
    assertThat(view.status()).isEqualTo("converted");
    assertThat(view.scheduled()).isEmpty();
    assertReplays(id, TrialLifecycleWorkflowImpl.class);
  }

  @Test
  void aSubscriptionRenewedThenCancelledWithRolloutsAlongsideReplays() throws Exception {
    String id = SubscriptionLifecycleWorkflow.workflowId("acme", "s1");
    SubscriptionLifecycleWorkflow subscription =
        client().newWorkflowStub(SubscriptionLifecycleWorkflow.class, id);
    Instant end = now().plus(Duration.ofDays(30));
    SubscriptionLifecycleWorkflow starting = newStub(SubscriptionLifecycleWorkflow.class, id);

    firstTaskWithRollout(
        id,
        () ->
            WorkflowClient.startUpdateWithStart(
                starting::report,
                report("evt_c", "subscription.created", end),
                accepted("evt_c"),
                new WithStartWorkflowOperation<>(
                    starting::run, SubscriptionState.initial("acme", "s1", SETTINGS))),
        () -> subscription.changeSettings(SETTINGS));
    assertThat(subscription.view().status()).isEqualTo("active");

    Instant renewedEnd = end.plus(Duration.ofDays(30));
    oneTask(
        () -> subscription.report(report("evt_r", "subscription.renewed", renewedEnd)),
        () -> subscription.changeSettings(SETTINGS));
    assertThat(subscription.view().currentPeriodEnd()).isEqualTo(renewedEnd);

    oneTask(
        () -> subscription.report(report("evt_x", "subscription.cancelled", null)),
        () -> subscription.changeSettings(SETTINGS));
    SubscriptionView cancelled = subscription.view();
    assertThat(cancelled.status()).isEqualTo("cancelled");
    assertThat(cancelled.scheduled())
        .containsExactly(new ScheduledEvent("subscription.expired", renewedEnd));
    assertReplays(id, SubscriptionLifecycleWorkflowImpl.class);
  }

  /**
   * Starts the entity with {@code start} (an update-with-start) and sends {@code rollout} before
   * any worker runs, so that both land in the entity's first workflow task.
   */
  private void firstTaskWithRollout(String workflowId, Runnable start, Runnable rollout) {
    FirstWorkflowTask.carrying(client(), workflowId, start, rollout, env::start);
  }

  /**
   * Sends a report and a rollout while the worker does not poll, so that one task usually carries
   * both (a poll already waiting may still take the report alone).
   */
  private void oneTask(Runnable report, Runnable rollout) throws Exception {
    worker.suspendPolling();
    CompletableFuture<Void> reported = CompletableFuture.runAsync(report);
    rollout.run();
    worker.resumePolling();
    reported.get();
  }

  private void assertReplays(String workflowId, Class<?> implementation) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(client().fetchHistory(workflowId), implementation);
  }

  private SubscriptionReport report(String eventId, String type, Instant periodEnd) {
    return new SubscriptionReport(
        eventId, type, "c1", periodEnd, true, Map.of(), event(eventId, type), null);
  }

  /** The reported event the workflow publishes (an activity) as it applies the report. */
  private ReportedEvent event(String eventId, String type) {
    return new ReportedEvent("acme", eventId, type, now(), "{}");
  }

  private static <R> UpdateOptions<R> accepted(String updateId) {
    return UpdateOptions.<R>newBuilder()
        .setUpdateId(updateId)
        .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
        .build();
  }

  private <T> T newStub(Class<T> workflowInterface, String workflowId) {
    return client()
        .newWorkflowStub(
            workflowInterface,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.BILLHOOK)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
  }

  private WorkflowClient client() {
    return env.getWorkflowClient();
  }

  private Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }
}
