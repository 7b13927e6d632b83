package io.billhook.workflows.lifecycle.model;

import static io.billhook.workflows.lifecycle.model.Calls.bounded;

import io.billhook.workflows.TaskQueues;
import io.billhook.workflows.lifecycle.LifecycleSettings;
import io.billhook.workflows.lifecycle.SubscriptionLifecycleWorkflow;
import io.billhook.workflows.lifecycle.SubscriptionReport;
import io.billhook.workflows.lifecycle.SubscriptionState;
import io.billhook.workflows.lifecycle.SubscriptionView;
import io.billhook.workflows.lifecycle.TrialConversion;
import io.billhook.workflows.lifecycle.TrialLifecycleWorkflow;
import io.billhook.workflows.lifecycle.TrialStarted;
import io.billhook.workflows.lifecycle.TrialState;
import io.billhook.workflows.lifecycle.TrialView;
import io.billhook.workflows.lifecycle.model.Lane.Emission;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** The workflow a {@link Run} drives, on its lane: always its current run, by workflow id. */
final class DrivenWorkflow {
  /**
   * How long (real time) to wait for an emission the model expects, or for the workflow to settle
   * after a signal or its last event, before going on regardless.
   */
  static final long WAIT_MS = 1500;

  final Lane lane;
  final EntityKind kind;
  final String workflowId;

  DrivenWorkflow(Lane lane, EntityKind kind, String workflowId) {
    this.lane = lane;
    this.kind = kind;
    this.workflowId = workflowId;
  }

  /**
   * Starts it before its first report; the model allows any distance to that report, so the
   * workflow gets no first-report patience. A {@code historyLimit} of 0 keeps the workflow's own.
   */
  void start(String vendorId, String entityId, LifecycleSettings settings, int historyLimit) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setTaskQueue(TaskQueues.BILLHOOK)
            .setWorkflowId(workflowId)
            .build();
    if (kind == EntityKind.SUBSCRIPTION) {
      SubscriptionState state = SubscriptionState.initial(vendorId, entityId, settings);
      state.historyLimit = historyLimit > 0 ? historyLimit : state.historyLimit;
      state.firstReportPatienceSeconds = 0;
      WorkflowClient.start(
          lane.client.newWorkflowStub(SubscriptionLifecycleWorkflow.class, options)::run, state);
    } else {
      TrialState state = TrialState.initial(vendorId, entityId, settings);
      state.historyLimit = historyLimit > 0 ? historyLimit : state.historyLimit;
      state.firstReportPatienceSeconds = 0;
      WorkflowClient.start(
          lane.client.newWorkflowStub(TrialLifecycleWorkflow.class, options)::run, state);
    }
  }

  private SubscriptionLifecycleWorkflow subscription() {
    // No run id: always the current run, also after continue-as-new.
    return lane.client.newWorkflowStub(SubscriptionLifecycleWorkflow.class, workflowId);
  }

  private TrialLifecycleWorkflow trial() {
    return lane.client.newWorkflowStub(TrialLifecycleWorkflow.class, workflowId);
  }

  List<Emission> emitted() {
    return lane.emitted(workflowId);
  }

  /** Signals the settings; throws {@code WorkflowNotFoundException} if it has completed. */
  void changeSettings(LifecycleSettings settings) {
    if (kind == EntityKind.SUBSCRIPTION) {
      bounded("signal", () -> subscription().changeSettings(settings));
    } else {
      bounded("signal", () -> trial().changeSettings(settings));
    }
  }

  /** Sends a subscription report, a trial start or a conversion, and reads what happened. */
  Observed call(Object payload) {
    Supplier<Object> action;
    if (payload instanceof SubscriptionReport report) {
      action = () -> subscription().report(report);
    } else if (payload instanceof TrialStarted started) {
      action = () -> trial().start(started);
    } else {
      TrialConversion conversion = (TrialConversion) payload;
      action = () -> trial().convert(conversion);
    }
    return Observed.of(action);
  }

  /** What the workflow's view says: its status, and its period or trial end. */
  record View(String status, Instant end) {}

  View view() {
    if (kind == EntityKind.SUBSCRIPTION) {
      SubscriptionView view = bounded(() -> subscription().view());
      return new View(view.status(), view.currentPeriodEnd());
    }
    TrialView view = bounded(() -> trial().view());
    return new View(view.status(), view.trialEnd());
  }

  void sleep(Duration by) {
    bounded("sleep", () -> lane.env.sleep(by));
  }

  /**
   * A signal is handled asynchronously; wait until the workflow task it caused is over (and, if it
   * continued-as-new, the new run's first task too) before the clock moves again.
   */
  void awaitSignalHandled() {
    Calls.poll(
        WAIT_MS,
        2,
        () -> {
          List<HistoryEvent> events =
              bounded(() -> lane.client.fetchHistory(workflowId)).getEvents();
          EventType last = events.get(events.size() - 1).getEventType();
          return last != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED
              && last != EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED
              && last != EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED;
        });
  }

  /** Waits until the workflow has completed; returns false if it still runs. */
  boolean awaitClosed() {
    return Calls.poll(WAIT_MS, 5, () -> !running());
  }

  private boolean running() {
    return bounded(() -> lane.client.newUntypedWorkflowStub(workflowId).describe()).getStatus()
        == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  /** A workflow left running (suspended, never created...) holds a cached worker thread. */
  void release() {
    if (running()) {
      WorkflowStub stub = lane.client.newUntypedWorkflowStub(workflowId);
      bounded("terminate", () -> stub.terminate("model test sequence over"));
    }
  }

  /** Runs of the workflow (1 + times it continued-as-new), from the current run's history. */
  int countRuns() {
    int runs = 1;
    String runId =
        lane.client.newUntypedWorkflowStub(workflowId).describe().getExecution().getRunId();
    for (int guard = 0; guard < 1000; guard++) {
      HistoryEvent first = lane.client.fetchHistory(workflowId, runId).getEvents().get(0);
      String previous =
          first.getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
      if (previous.isEmpty()) {
        return runs;
      }
      runs++;
      runId = previous;
    }
    return runs;
  }
}
