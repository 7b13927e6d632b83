package io.billhook.core.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What keeps one receiver or one kind of work from holding the worker for everyone ({@code
 * billhook.worker.*}, or {@code BILLHOOK_WORKER_*}; docs/operations.md, "Isolation").
 *
 * @param attemptsPerHost delivery attempts in flight to one receiver host (host and port) in this
 *     worker, at most; one more is put off at once, without counting as an attempt
 * @param lifecycleWorkflowTasks workflow tasks of trials, subscriptions and rollouts run at once,
 *     on their own task queue and apart from deliveries
 * @param lifecycleActivities lifecycle activities run at once (publishing what an entity's timers
 *     generate, settings rollouts), apart from deliveries
 */
@ConfigurationProperties(prefix = "billhook.worker")
public record IsolationProperties(
    int attemptsPerHost, int lifecycleWorkflowTasks, int lifecycleActivities) {

  public IsolationProperties {
    require("ATTEMPTS_PER_HOST", attemptsPerHost);
    require("LIFECYCLE_WORKFLOW_TASKS", lifecycleWorkflowTasks);
    require("LIFECYCLE_ACTIVITIES", lifecycleActivities);
  }

  private static void require(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(
          "BILLHOOK_WORKER_" + name + " must be 1 or more (got " + value + ")");
    }
  }
}
