package io.billhook.workflows;

/** Task queue names shared by the API (starting workflows) and the worker (polling them). */
public final class TaskQueues {
  /**
   * Deliveries. Trials, subscriptions and rollouts started before {@link #LIFECYCLE} existed live
   * here too until they end, so workers keep every workflow type registered on it.
   */
  public static final String BILLHOOK = "billhook";

  /**
   * Trials, subscriptions and settings rollouts, and their activities: lifecycle reports the API
   * waits on never queue behind deliveries.
   */
  public static final String LIFECYCLE = "billhook-lifecycle";

  private TaskQueues() {}
}
