package io.billhook.workflows.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.workflows.SearchAttributes;
import io.billhook.workflows.TaskQueues;
import io.billhook.workflows.TestSearchAttributes;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

class ReplayAfterEvictionTest {
  private TestWorkflowEnvironment env;
  private final RecordingLifecycleActivities activities =
      new RecordingLifecycleActivities(() -> Instant.ofEpochMilli(env.currentTimeMillis()));

  @BeforeEach
  void setUp() {
    String target = System.getProperty("replay.target");
    TestEnvironmentOptions.Builder o =
        TestEnvironmentOptions.newBuilder()
            .setWorkerFactoryOptions(
                WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build());
    if (target != null) {
      o.setUseExternalService(true).setTarget(target);
    }
    env = TestWorkflowEnvironment.newInstance(o.build());
    if (target == null) TestSearchAttributes.registerAll(env);
    Worker worker = env.newWorker(TaskQueues.BILLHOOK);
    worker.registerWorkflowImplementationTypes(TrialLifecycleWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @RepeatedTest(5)
  void trialStartedThenConverted() throws Exception {
    WorkflowClient client = env.getWorkflowClient();
    String id = TrialLifecycleWorkflow.workflowId("acme", "t2" + java.util.UUID.randomUUID());
    TrialLifecycleWorkflow trial =
        client.newWorkflowStub(
            TrialLifecycleWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue(TaskQueues.BILLHOOK)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setTypedSearchAttributes(
                    io.temporal.common.SearchAttributes.newBuilder()
                        .set(SearchAttributes.CUSTOMER_ID, "c2")
                        .build())
                .build());
    Instant end = Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofSeconds(6));
    ReportedEvent reported =
        new ReportedEvent(
            "acme", "evt_t", "trial.started", Instant.ofEpochMilli(env.currentTimeMillis()), "{}");
    LifecycleSettings settings =
        new LifecycleSettings(Duration.ofSeconds(4), Duration.ofSeconds(3), 1);
    java.util.concurrent.CompletableFuture<?> f =
        java.util.concurrent.CompletableFuture.runAsync(
            () ->
                WorkflowClient.startUpdateWithStart(
                    trial::start,
                    new TrialStarted("evt_t", "c2", end, Map.of(), reported),
                    UpdateOptions.<TrialView>newBuilder()
                        .setUpdateId("evt_t")
                        .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
                        .build(),
                    new WithStartWorkflowOperation<>(
                        trial::run, TrialState.initial("acme", "t2", settings))));
    TrialLifecycleWorkflow running = client.newWorkflowStub(TrialLifecycleWorkflow.class, id);
    while (true) {
      try {
        io.temporal.client.WorkflowStub.fromTyped(running).describe();
        break;
      } catch (Exception e) {
        Thread.sleep(50);
      }
    }
    running.changeSettings(settings);
    env.start();
    f.get();
    running.convert(new TrialConversion("evt_s", "s2"));
    assertThat(running.view().status()).isEqualTo("converted");
    WorkflowExecutionHistory history = client.fetchHistory(id);
    System.out.println(history.toJson(true));
    WorkflowReplayer.replayWorkflowExecution(history, TrialLifecycleWorkflowImpl.class);
  }
}
