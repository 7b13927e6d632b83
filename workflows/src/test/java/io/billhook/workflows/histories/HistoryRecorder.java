package io.billhook.workflows.histories;

import io.billhook.workflows.FirstWorkflowTask;
import io.billhook.workflows.LifecycleTestWorkers;
import io.billhook.workflows.TestSearchAttributes;
import io.billhook.workflows.delivery.EventDeliveryWorkflowImpl;
import io.billhook.workflows.delivery.ScriptedDeliveryActivities;
import io.billhook.workflows.lifecycle.LifecycleActivities;
import io.billhook.workflows.lifecycle.NoOpLifecycleActivities;
import io.billhook.workflows.lifecycle.ReportedEvent;
import io.billhook.workflows.lifecycle.SettingsRolloutWorkflowImpl;
import io.billhook.workflows.lifecycle.SubscriptionLifecycleWorkflowImpl;
import io.billhook.workflows.lifecycle.TrialLifecycleWorkflowImpl;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Records the workflow histories that {@link RecordedHistoriesReplayTest} replays, from the
 * workflow code as it is now, in Temporal's test environment (time skipping) with stub activities.
 *
 * <p><b>When to record.</b> Only to add a case: a new path through a workflow, a new workflow type,
 * or the new branch of a {@code Workflow.getVersion} change (see docs/workflow-versioning.md).
 * Never to make a failing replay pass: a history that no longer replays is a run in production that
 * the change would break. Fix the change (put it behind {@code Workflow.getVersion}) instead.
 *
 * <p><b>How.</b> Add the case to {@link RecordDeliveryHistories} or {@link
 * RecordLifecycleHistories}, then run
 *
 * <pre>
 * ./mvnw -B -o -pl workflows -Dhistories.record=true -Dtest='Record*Histories' \
 *     -Dsurefire.failIfNoSpecifiedTests=false test
 * </pre>
 *
 * and commit the new files under {@code src/test/resources/histories/<workflow type>/}. Cases that
 * already have a recording are left as they are; {@code -Dhistories.overwrite=true} re-records them
 * too, which is only right for a recording that was itself wrong (made from code that never
 * shipped). A run that continues as new is saved as one file per run ({@code <case>-run1.json},
 * ...). Payloads are made-up data (vendor {@code acme}, invented ids); never record real ones.
 */
final class HistoryRecorder implements AutoCloseable {
  static final String VENDOR = "acme";
  private static final Path HISTORIES =
      Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "histories");

  private final TestWorkflowEnvironment env;

  private boolean started;

  private HistoryRecorder(
      Map<String, List<Integer>> deliveryScript,
      List<String> rolloutTrials,
      List<String> rolloutSubscriptions,
      boolean start) {
    this(deliveryScript, rolloutTrials, rolloutSubscriptions, start, new NoOpLifecycleActivities());
  }

  private HistoryRecorder(
      Map<String, List<Integer>> deliveryScript,
      List<String> rolloutTrials,
      List<String> rolloutSubscriptions,
      boolean start,
      LifecycleActivities lifecycle) {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder().setIdentity("history-recorder").build())
                .build());
    TestSearchAttributes.registerAll(env);
    LifecycleTestWorkers.onBothQueues(
        env,
        List.of(
            EventDeliveryWorkflowImpl.class,
            TrialLifecycleWorkflowImpl.class,
            SubscriptionLifecycleWorkflowImpl.class,
            SettingsRolloutWorkflowImpl.class),
        new ScriptedDeliveryActivities(deliveryScript),
        lifecycle,
        new SignallingSettingsRollout(
            env.getWorkflowClient(), rolloutTrials, rolloutSubscriptions));
    if (start) {
      env.start();
      started = true;
    }
  }

  /** Each endpoint's receiver answers its attempts with these statuses in turn. */
  static HistoryRecorder delivering(Map<String, List<Integer>> statusesByEndpoint) {
    return new HistoryRecorder(statusesByEndpoint, List.of(), List.of(), true);
  }

  /** A settings rollout reaches these running trials and subscriptions of {@link #VENDOR}. */
  static HistoryRecorder rollingOutTo(List<String> trialIds, List<String> subscriptionIds) {
    return new HistoryRecorder(Map.of(), trialIds, subscriptionIds, true);
  }

  /**
   * The first {@code failures} publishes fail (as with PostgreSQL away), then they succeed: a
   * publish in the workflow task fails its tries there and lands through an activity.
   */
  static HistoryRecorder publishFailing(int failures) {
    AtomicInteger left = new AtomicInteger(failures);
    return new HistoryRecorder(
        Map.of(),
        List.of(),
        List.of(),
        true,
        new NoOpLifecycleActivities() {
          @Override
          public void publish(ReportedEvent event) {
            if (left.getAndDecrement() > 0) {
              throw new IllegalStateException("PostgreSQL is away");
            }
          }
        });
  }

  /** A recorder whose worker starts at its first {@link #inFirstTask}. */
  static HistoryRecorder idle() {
    return new HistoryRecorder(Map.of(), List.of(), List.of(), false);
  }

  WorkflowClient client() {
    return env.getWorkflowClient();
  }

  /**
   * Sends {@code report} (an update-with-start, which waits for the workflow) and, once workflow
   * {@code workflowId} exists, {@code signal}, before the worker starts: its first workflow task
   * carries both.
   */
  void inFirstTask(String workflowId, Runnable report, Runnable signal) {
    if (started) {
      throw new IllegalStateException("the worker already runs");
    }
    FirstWorkflowTask.carrying(
        client(),
        workflowId,
        report,
        signal,
        () -> {
          env.start();
          started = true;
        });
  }

  void sleep(Duration duration) {
    env.sleep(duration);
  }

  Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  /**
   * Saves every run of {@code workflowId} as {@code histories/<type>/<caseName>.json}, or one file
   * per run if it continued as new; keeps an existing recording unless overwriting is asked for.
   */
  void save(String caseName, String workflowId) {
    List<WorkflowExecutionHistory> runs = runs(workflowId);
    String type =
        runs.get(0)
            .getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getWorkflowType()
            .getName();
    Path dir = HISTORIES.resolve(type);
    boolean overwrite = Boolean.getBoolean("histories.overwrite");
    try {
      Files.createDirectories(dir);
      List<Path> existing = existing(dir, caseName);
      if (!existing.isEmpty() && !overwrite) {
        System.out.println("kept the existing recording of " + type + "/" + caseName);
        return;
      }
      for (Path old : existing) {
        Files.delete(old);
      }
      for (int i = 0; i < runs.size(); i++) {
        String name = runs.size() == 1 ? caseName : caseName + "-run" + (i + 1);
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, runs.get(i).toJson(true) + "\n", StandardCharsets.UTF_8);
        System.out.println("recorded " + HISTORIES.relativize(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The runs of a workflow, first to last, found backwards from the latest. */
  private List<WorkflowExecutionHistory> runs(String workflowId) {
    List<WorkflowExecutionHistory> runs = new ArrayList<>();
    WorkflowExecutionHistory run = client().fetchHistory(workflowId);
    while (true) {
      runs.add(run);
      HistoryEvent started = run.getEvents().get(0);
      if (started.getEventType() != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED) {
        throw new IllegalStateException("history of " + workflowId + " does not start its run");
      }
      String previous =
          started.getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
      if (previous.isEmpty()) {
        break;
      }
      run = client().fetchHistory(workflowId, previous);
    }
    Collections.reverse(runs);
    return runs;
  }

  private static List<Path> existing(Path dir, String caseName) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(
              f -> {
                String name = f.getFileName().toString();
                return name.equals(caseName + ".json")
                    || name.matches(java.util.regex.Pattern.quote(caseName) + "-run\\d+\\.json");
              })
          .toList();
    }
  }

  @Override
  public void close() {
    env.close();
  }
}
