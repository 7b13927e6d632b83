package io.billhook.workflows.lifecycle;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The clock of an entity workflow (trial or subscription): waits, in workflow time, until the next
 * scheduled event is due or the entity's state changes, and runs the entity's loop.
 */
final class EntityClock {
  private int changes;

  /** Call after every applied report or setting so a pending wait re-plans. */
  void changed() {
    changes++;
  }

  /**
   * Takes a settings rollout unless it is older than the entity's current ones: the plan keeps the
   * settings and the moment they took effect (nothing is planned before it), then a pending wait
   * re-plans.
   */
  void changeSettings(LifecycleSettings settings, EntityPlan plan) {
    if (settings.replaces(plan.settings)) {
      plan.settings = settings;
      plan.changedAt = now();
      changed();
    }
  }

  static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  /**
   * Blocks until the next scheduled event is due (returns it, as planned before the wait, so its
   * time is the scheduled one) or the state changed (returns empty, to re-plan). With nothing
   * scheduled, waits for a change only.
   */
  Optional<ScheduledEvent> awaitDue(Supplier<ScheduledEvent> next) {
    int seen = changes;
    ScheduledEvent due = next.get();
    if (due == null) {
      Workflow.await(() -> changes != seen);
      return Optional.empty();
    }
    Duration wait = Duration.between(now(), due.at());
    if (wait.isNegative() || wait.isZero()) {
      return Optional.of(due);
    }
    boolean changed = Workflow.await(wait, () -> changes != seen);
    return changed ? Optional.empty() : Optional.of(due);
  }

  /**
   * The loop every entity workflow runs while {@code alive}: let reports being applied finish (they
   * publish themselves first, so what they cause goes out after them), continue-as-new with {@code
   * state} when the history is long, then wait for the next due event and {@code fire} it.
   */
  void run(
      BooleanSupplier alive,
      Supplier<ScheduledEvent> next,
      Consumer<ScheduledEvent> fire,
      int historyLimit,
      Object state) {
    while (alive.getAsBoolean()) {
      Workflow.await(Workflow::isEveryHandlerFinished);
      if (shouldContinueAsNew(historyLimit)) {
        Workflow.continueAsNew(state);
      }
      awaitDue(next).ifPresent(fire);
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
  }

  /** The stub for the entity's side effects; {@code summary} labels it in the Temporal UI. */
  static LifecycleActivities activities(String summary) {
    return Workflow.newActivityStub(
        LifecycleActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setSummary(summary)
            .build());
  }

  /** Long-lived runs start afresh (carrying their state) before their history grows large. */
  private static boolean shouldContinueAsNew(int historyLimit) {
    return Workflow.getInfo().getHistoryLength() > historyLimit
        || Workflow.getInfo().isContinueAsNewSuggested();
  }
}
