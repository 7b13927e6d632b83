package io.billhook.workflows.lifecycle;

import io.billhook.workflows.TaskQueues;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The clock of an entity workflow (trial or subscription): waits, in workflow time, until the next
 * scheduled event is due or the entity's state changes, and runs the entity's loop.
 */
final class EntityClock {
  /**
   * The change id of the cancellable timer: a re-plan cancels the pending timer. Runs recorded
   * before it wait with {@code Workflow.await(Duration, condition)}, whose timer stays live and
   * later fires for nothing.
   */
  static final String CANCELLABLE_TIMER = "cancel-timer-on-replan";

  /**
   * The change id of continuing as new on {@link TaskQueues#LIFECYCLE}: runs recorded before it
   * continued on the queue they ran on, so an entity started on {@link TaskQueues#BILLHOOK} stayed
   * there for life.
   */
  static final String LIFECYCLE_QUEUE = "continue-on-lifecycle-queue";

  private static final ContinueAsNewOptions ON_LIFECYCLE_QUEUE =
      ContinueAsNewOptions.newBuilder().setTaskQueue(TaskQueues.LIFECYCLE).build();

  /** Whether the run started on the current shape ({@link EntityEffects#current()}). */
  private final boolean current;

  private int changes;

  /** The version of {@link #CANCELLABLE_TIMER} this run took, once its wait first asked. */
  private Integer timerVersion;

  /** A rollout of the entity's own settings version, for the workflow's thread to decide. */
  private LifecycleSettings undecided;

  private EntityPlan plan;

  EntityClock(boolean current) {
    this.current = current;
  }

  /** Call after every applied report or setting so a pending wait re-plans. */
  void changed() {
    changes++;
  }

  /**
   * Takes a settings rollout unless it is older than the entity's current ones: the plan keeps the
   * settings and the moment they took effect (nothing is planned before it), then a pending wait
   * re-plans.
   *
   * <p>A rollout of the very version the entity already has is decided by {@code
   * settings-strictly-newer}, a {@code Workflow.getVersion}, which a signal handler must not call:
   * when the signal arrives in the same workflow task as an update (the first report, with its
   * update-with-start), the handlers run update first in the original execution but signal first in
   * a replay, and the version marker lands elsewhere. So such a rollout waits here and the
   * workflow's own thread decides it ({@link #settle}), at a point that does not depend on handler
   * order. Runs still on the uncancellable timer decide it in the handler as they always did: their
   * wait does not wake for it.
   */
  void changeSettings(LifecycleSettings settings, EntityPlan plan) {
    this.plan = plan;
    if (settings.version() == plan.settings.version()
        && !Integer.valueOf(Workflow.DEFAULT_VERSION).equals(timerVersion)) {
      undecided = settings;
      return;
    }
    take(settings, plan);
  }

  private void take(LifecycleSettings settings, EntityPlan plan) {
    if (settings.replaces(plan.settings)) {
      plan.settings = settings;
      plan.changedAt = now();
      changed();
    }
  }

  /** Decides a rollout of the entity's own version, from the workflow's thread. */
  private void settle() {
    LifecycleSettings settings = undecided;
    undecided = null;
    if (settings != null && settings.version() == plan.settings.version()) {
      take(settings, plan);
    }
  }

  static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  /**
   * Blocks until the next scheduled event is due (returns it, as planned before the wait, so its
   * time is the scheduled one) or the state changed (returns empty, to re-plan). With nothing
   * scheduled, waits for a change only. {@code status} names the entity's state in the Temporal UI.
   */
  Optional<ScheduledEvent> awaitDue(Supplier<ScheduledEvent> next, Supplier<String> status) {
    int seen = changes;
    ScheduledEvent due = next.get();
    Workflow.setCurrentDetails(describe(status.get(), due));
    if (due == null) {
      while (changes == seen) {
        Workflow.await(() -> changes != seen || undecided != null);
        settle();
      }
      return Optional.empty();
    }
    Duration wait = Duration.between(now(), due.at());
    if (wait.isNegative() || wait.isZero()) {
      return Optional.of(due);
    }
    timerVersion =
        current ? 1 : Workflow.getVersion(CANCELLABLE_TIMER, Workflow.DEFAULT_VERSION, 1);
    if (timerVersion == Workflow.DEFAULT_VERSION) {
      // Runs recorded before the cancellable timer: their timer outlives a re-plan.
      boolean changed = Workflow.await(wait, () -> changes != seen);
      return changed ? Optional.empty() : Optional.of(due);
    }
    return awaitTimer(due, wait, seen);
  }

  /**
   * Waits for a timer named for {@code due} (its summary in the Temporal UI), or for a change,
   * which cancels the timer so that it never wakes the workflow for a plan that no longer holds.
   */
  private Optional<ScheduledEvent> awaitTimer(ScheduledEvent due, Duration wait, int seen) {
    TimerOptions options = TimerOptions.newBuilder().setSummary(due.type()).build();
    List<Promise<Void>> timer = new ArrayList<>(1);
    CancellationScope scope =
        Workflow.newCancellationScope(() -> timer.add(Workflow.newTimer(wait, options)));
    scope.run();
    do {
      Workflow.await(() -> changes != seen || undecided != null || timer.get(0).isCompleted());
      settle();
    } while (changes == seen && !timer.get(0).isCompleted());
    if (changes != seen) {
      scope.cancel("re-planned");
      return Optional.empty();
    }
    return Optional.of(due);
  }

  /** The line the Temporal UI shows for a running entity: its state and what comes next, when. */
  static String describe(String status, ScheduledEvent due) {
    return due == null
        ? status + "; nothing scheduled"
        : status + "; next " + due.type() + " at " + due.at();
  }

  /**
   * The loop every entity workflow runs while {@code alive}: let reports being applied finish (they
   * publish themselves first, so what they cause goes out after them), continue-as-new with {@code
   * state} when the history is long, then wait for the next due event and {@code fire} it. The
   * Temporal UI shows {@code status} and the next event as the run's current details.
   */
  void run(
      BooleanSupplier alive,
      Supplier<ScheduledEvent> next,
      Supplier<String> status,
      Consumer<ScheduledEvent> fire,
      int historyLimit,
      Object state) {
    while (alive.getAsBoolean()) {
      Workflow.await(Workflow::isEveryHandlerFinished);
      settle();
      if (shouldContinueAsNew(historyLimit)) {
        continueAsNew(state);
      }
      awaitDue(next, status).ifPresent(fire);
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    Workflow.setCurrentDetails(status.get());
  }

  /**
   * Continues on {@link TaskQueues#LIFECYCLE}, wherever this run was: an entity started on {@link
   * TaskQueues#BILLHOOK} before the lifecycle queue existed moves at its next continue-as-new. Its
   * timers are not carried but planned again from {@code state} by the next run.
   */
  private void continueAsNew(Object state) {
    if (current || Workflow.getVersion(LIFECYCLE_QUEUE, Workflow.DEFAULT_VERSION, 1) >= 1) {
      Workflow.continueAsNew(ON_LIFECYCLE_QUEUE, state);
    } else {
      Workflow.continueAsNew(state);
    }
  }

  /** Long-lived runs start afresh (carrying their state) before their history grows large. */
  private static boolean shouldContinueAsNew(int historyLimit) {
    return Workflow.getInfo().getHistoryLength() > historyLimit
        || Workflow.getInfo().isContinueAsNewSuggested();
  }
}
