package io.billhook.workflows.lifecycle;

import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * An entity workflow is started together with its first report (update-with-start). If that update
 * never arrives (refused, or lost with the server), the workflow reads the report back from
 * PostgreSQL, the record, instead of waiting forever; with none recorded, it ends.
 */
final class FirstReport {
  /** The change id of this behaviour; histories recorded before it wait without a timer. */
  static final String CHANGE_ID = "first-report-from-record";

  /** How long the update may take before the record is asked (by default); it applies once. */
  static final Duration PATIENCE = Duration.ofMinutes(1);

  private FirstReport() {}

  /**
   * Waits until {@code arrived}; past the patience, runs {@code fetch} (which applies the stored
   * report, if any) once. Returns whether the entity got its first report.
   */
  static boolean arrived(BooleanSupplier arrived, long patienceSeconds, Runnable fetch) {
    if (arrived.getAsBoolean()) {
      return true;
    }
    if (Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION
        || patienceSeconds <= 0) {
      Workflow.await(arrived::getAsBoolean);
      return true;
    }
    if (Workflow.await(Duration.ofSeconds(patienceSeconds), arrived::getAsBoolean)) {
      return true;
    }
    fetch.run();
    if (!arrived.getAsBoolean()) {
      Workflow.getLogger(FirstReport.class)
          .warn("no first report was recorded for {}; ending", Workflow.getInfo().getWorkflowId());
      return false;
    }
    return true;
  }
}
