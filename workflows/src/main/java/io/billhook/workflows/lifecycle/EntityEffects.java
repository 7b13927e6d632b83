package io.billhook.workflows.lifecycle;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * An entity workflow's side effects, and the shape of its run. Runs that start on the current shape
 * ({@link #CHANGE_ID}) publish a report and emit a due event inside the workflow task that decides
 * them (a local activity: no activity task, no second workflow task); one that keeps failing there
 * continues as an activity, which retries until it lands, as every publish did before.
 *
 * <p>The shape is decided once per run, in the workflow's {@code @WorkflowInit} constructor: it
 * runs on the workflow's root thread before any handler and before the workflow method, so its
 * version marker is the run's first command whatever the first task carries (an update, a signal,
 * both). Never decide it in a handler.
 */
final class EntityEffects {
  /** The change id; runs recorded before it publish and emit through activity tasks. */
  static final String CHANGE_ID = "publish-in-workflow-task";

  private static final LocalActivityOptions IN_TASK =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          // The report is in the history already (the update's argument): not again in the marker.
          .setDoNotIncludeArgumentsIntoMarker(true)
          // PostgreSQL or Temporal briefly away: a second try, then the activity takes over.
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumAttempts(2)
                  .build())
          .build();

  private final LifecycleActivities activities;
  private final LifecycleActivities inTask;
  private final boolean current;

  /** Call from the workflow's {@code @WorkflowInit} constructor only (see the class comment). */
  EntityEffects(String summary) {
    activities =
        Workflow.newActivityStub(
            LifecycleActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setSummary(summary)
                .build());
    inTask =
        Workflow.newLocalActivityStub(
            LifecycleActivities.class, IN_TASK.toBuilder().setSummary(summary).build());
    current = Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /**
   * Whether this run started on the current shape. Such a run postdates every older change of the
   * entity workflows, so it takes their new side without asking for their version markers.
   */
  boolean current() {
    return current;
  }

  /** The activities that have no faster path (conversions, reading the record). */
  LifecycleActivities activities() {
    return activities;
  }

  void publish(ReportedEvent event) {
    inTaskFirst(event, LifecycleActivities::publish);
  }

  void emit(GeneratedEvent event) {
    inTaskFirst(event, LifecycleActivities::emit);
  }

  private <T> void inTaskFirst(T event, BiConsumer<LifecycleActivities, T> effect) {
    if (current) {
      try {
        effect.accept(inTask, event);
        return;
      } catch (ActivityFailure failed) {
        // Idempotent by event id: whatever the failed tries stored or started is not repeated.
      }
    }
    effect.accept(activities, event);
  }
}
