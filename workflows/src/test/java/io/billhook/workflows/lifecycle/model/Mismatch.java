package io.billhook.workflows.lifecycle.model;

/** Where a workflow and the model disagree: what, at which step ({@code -1}: at the end), how. */
record Mismatch(Kind kind, int step, String detail) {
  enum Kind {
    OUTCOME, // a report's accepted/conflict differs
    STATUS, // the view's status (or period/trial end) differs
    EVENTS, // the emitted types/order/count differ
    AT, // an event's `at` is not the model's exact instant
    AT_ONCE, // an "at once" event's `at` is not within [planned moment, +2 s]
    EMIT_TIME, // the emission did not happen within [instant, +2 s]
    EVENT_ID, // an id is unstable or shared
    DATA, // the event's data fields differ
    CONFLICT_TYPE, // a conflict reached the client without its LifecycleConflict type
    ERROR; // a call failed unexpectedly

    /** After such a mismatch the model no longer describes the workflow: the sequence stops. */
    boolean diverges() {
      return this == OUTCOME || this == STATUS || this == EVENTS || this == ERROR;
    }
  }

  @Override
  public String toString() {
    return kind + (step < 0 ? " (final)" : " at step #" + step) + ": " + detail;
  }
}
