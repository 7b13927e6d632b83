package io.billhook.workflows.lifecycle.model;

import io.billhook.workflows.LifecycleTestWorkers;
import io.billhook.workflows.TaskQueues;
import io.billhook.workflows.TestSearchAttributes;
import io.billhook.workflows.lifecycle.GeneratedEvent;
import io.billhook.workflows.lifecycle.LifecycleSettings;
import io.billhook.workflows.lifecycle.NoOpLifecycleActivities;
import io.billhook.workflows.lifecycle.SubscriptionLifecycleWorkflowImpl;
import io.billhook.workflows.lifecycle.TrialLifecycleWorkflow;
import io.billhook.workflows.lifecycle.TrialLifecycleWorkflowImpl;
import io.billhook.workflows.lifecycle.TrialStarted;
import io.billhook.workflows.lifecycle.TrialState;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One time-skipping environment, its worker and the events its activity recorded. */
final class Lane {
  final TestWorkflowEnvironment env;
  final WorkflowClient client;
  private final Map<String, List<Emission>> emissions = new ConcurrentHashMap<>();

  /** What the workflow emitted, and the environment's clock when it did. */
  record Emission(GeneratedEvent event, Instant envTime) {
    @Override
    public String toString() {
      return event.type()
          + " at "
          + event.at()
          + " (emitted "
          + envTime
          + ") id="
          + event.eventId()
          + " "
          + event.data();
    }
  }

  Lane() {
    env = TestSearchAttributes.registerAll(TestWorkflowEnvironment.newInstance());
    // The one side effect the model speaks of is the emission: record it, per workflow. The
    // model drives the workflows without reported envelopes and its subscriptions name no trial,
    // so the rest does nothing.
    LifecycleTestWorkers.onBothQueues(
        env,
        List.of(SubscriptionLifecycleWorkflowImpl.class, TrialLifecycleWorkflowImpl.class),
        new NoOpLifecycleActivities() {
          @Override
          public void emit(GeneratedEvent event) {
            Instant at = now();
            String workflowId = Activity.getExecutionContext().getInfo().getWorkflowId();
            emissions
                .computeIfAbsent(workflowId, v -> Collections.synchronizedList(new ArrayList<>()))
                .add(new Emission(event, at));
          }
        });
    env.start();
    client = env.getWorkflowClient();
  }

  Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  List<Emission> emitted(String workflowId) {
    List<Emission> list = emissions.get(workflowId);
    if (list == null) {
      return List.of();
    }
    synchronized (list) {
      return new ArrayList<>(list);
    }
  }

  /**
   * One trial through both events before any timing is checked, so a cold JVM (class loading, first
   * workflow task) does not count against the 2 s emission tolerance.
   */
  void warmUp() {
    String workflowId = "warm-up/" + System.identityHashCode(this);
    TrialLifecycleWorkflow stub =
        client.newWorkflowStub(
            TrialLifecycleWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.BILLHOOK)
                .setWorkflowId(workflowId)
                .build());
    WorkflowClient.start(
        stub::run, TrialState.initial("vendor_warm_up", "warm_up", LifecycleSettings.DEFAULT));
    TrialLifecycleWorkflow current =
        client.newWorkflowStub(TrialLifecycleWorkflow.class, workflowId);
    current.changeSettings(LifecycleSettings.DEFAULT);
    current.start(
        new TrialStarted("evt-warm-up", Run.CUSTOMER, now().minus(Duration.ofHours(1)), Map.of()));
    client.newUntypedWorkflowStub(workflowId).getResult(Void.class);
    current.view();
  }
}
