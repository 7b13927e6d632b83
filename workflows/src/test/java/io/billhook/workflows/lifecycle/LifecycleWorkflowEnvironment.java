package io.billhook.workflows.lifecycle;

import io.billhook.workflows.LifecycleTestWorkers;
import io.billhook.workflows.TaskQueues;
import io.billhook.workflows.TestSearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh Temporal test environment (time skipping) for each test, running lifecycle workflow types
 * with {@link RecordingLifecycleActivities}. Register it as a {@code @RegisterExtension} field.
 */
final class LifecycleWorkflowEnvironment implements BeforeEachCallback, AfterEachCallback {
  private final Class<?>[] workflowImplementations;
  private TestWorkflowEnvironment env;

  /** What the workflows publish and emit, stamped with the environment's skipped time. */
  final RecordingLifecycleActivities activities = new RecordingLifecycleActivities(this::now);

  LifecycleWorkflowEnvironment(Class<?>... workflowImplementations) {
    this.workflowImplementations = workflowImplementations;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    env = TestWorkflowEnvironment.newInstance();
    TestSearchAttributes.registerAll(env);
    LifecycleTestWorkers.onBothQueues(env, List.of(workflowImplementations), activities);
    env.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    env.close();
  }

  WorkflowClient getWorkflowClient() {
    return env.getWorkflowClient();
  }

  /** A stub for the workflow {@code workflowId}, on Billhook's task queue; start it with run. */
  <T> T newWorkflowStub(Class<T> workflowInterface, String workflowId) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            workflowInterface,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.BILLHOOK)
                .build());
  }

  /** Lets {@code duration} of workflow time pass, skipping ahead while nothing runs. */
  void sleep(Duration duration) {
    env.sleep(duration);
  }

  Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }
}
