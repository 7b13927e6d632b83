package io.billhook.workflows;

/** Task queue names shared by the API (starting workflows) and the worker (polling them). */
public final class TaskQueues {
  public static final String BILLHOOK = "billhook";

  private TaskQueues() {}
}
