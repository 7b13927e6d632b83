package io.billhook.core.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How much the worker holds at once ({@code billhook.worker.*}, or {@code BILLHOOK_WORKER_*}).
 * Every limit bounds threads or connections; work beyond them waits in Temporal's task queue.
 *
 * @param workflowCacheSize workflows kept in the sticky cache between their tasks; each one parks a
 *     workflow thread, so this bounds the worker's memory however many trials and subscriptions
 *     wait. A workflow evicted from the cache is replayed from its (short) history when it wakes.
 * @param maxWorkflowThreads threads for cached and running workflows together
 * @param maxConcurrentWorkflowTasks workflow tasks run at once (one thread each)
 * @param maxConcurrentActivities activities run at once (retried deliveries, lifecycle work; one
 *     thread and at most one HTTP connection each)
 * @param maxConcurrentLocalActivities first delivery attempts run at once (one thread and at most
 *     one HTTP connection each)
 * @param workflowTaskPollers concurrent long polls for workflow tasks
 * @param activityTaskPollers concurrent long polls for activity tasks
 * @param httpMaxIdleConnections idle keep-alive connections to receivers kept for reuse
 */
@ConfigurationProperties(prefix = "billhook.worker")
public record WorkerProperties(
    int workflowCacheSize,
    int maxWorkflowThreads,
    int maxConcurrentWorkflowTasks,
    int maxConcurrentActivities,
    int maxConcurrentLocalActivities,
    int workflowTaskPollers,
    int activityTaskPollers,
    int httpMaxIdleConnections) {}
