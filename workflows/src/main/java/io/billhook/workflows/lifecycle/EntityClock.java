package io.billhook.workflows.lifecycle;

import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waits, in workflow time, until the next scheduled event is due or the entity's state changes;
 * shared by the trial and subscription workflows.
 */
final class EntityClock {
  private int changes;

  /** Call after every applied report or setting so a pending wait re-plans. */
  void changed() {
    changes++;
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

  /** Long-lived runs start afresh (carrying their state) before their history grows large. */
  static boolean shouldContinueAsNew(int historyLimit) {
    return Workflow.getInfo().getHistoryLength() > historyLimit
        || Workflow.getInfo().isContinueAsNewSuggested();
  }
}
