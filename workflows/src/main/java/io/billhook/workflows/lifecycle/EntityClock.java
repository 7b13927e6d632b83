package io.billhook.workflows.lifecycle;

import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
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
   * Blocks until {@code next} is due (returns true) or the state changed (returns false). With
   * nothing scheduled, waits for a change only.
   */
  boolean awaitDue(Supplier<ScheduledEvent> next) {
    int seen = changes;
    ScheduledEvent due = next.get();
    if (due == null) {
      Workflow.await(() -> changes != seen);
      return false;
    }
    Duration wait = Duration.between(now(), due.at());
    if (wait.isNegative() || wait.isZero()) {
      return true;
    }
    return !Workflow.await(wait, () -> changes != seen);
  }

  /** Long-lived runs start afresh (carrying their state) before their history grows large. */
  static boolean shouldContinueAsNew(int historyLimit) {
    return Workflow.getInfo().getHistoryLength() > historyLimit
        || Workflow.getInfo().isContinueAsNewSuggested();
  }
}
