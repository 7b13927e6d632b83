package io.billhook.workflows;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;

/**
 * Workers on both of Billhook's task queues, as every worker process runs them: an entity started
 * on {@link TaskQueues#BILLHOOK} continues as new on {@link TaskQueues#LIFECYCLE}, and its next run
 * needs a worker there.
 */
public final class LifecycleTestWorkers {
  private LifecycleTestWorkers() {}

  /**
   * Registers {@code workflows} and {@code activities} on both queues; returns the BILLHOOK one.
   */
  public static Worker onBothQueues(
      TestWorkflowEnvironment env, List<Class<?>> workflows, Object... activities) {
    Worker first = null;
    for (String queue : List.of(TaskQueues.BILLHOOK, TaskQueues.LIFECYCLE)) {
      Worker worker = env.newWorker(queue);
      worker.registerWorkflowImplementationTypes(workflows.toArray(Class<?>[]::new));
      worker.registerActivitiesImplementations(activities);
      first = first == null ? worker : first;
    }
    return first;
  }
}
