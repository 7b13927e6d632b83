package io.billhook.worker.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How much the worker keeps in memory ({@code billhook.worker.*}, or {@code BILLHOOK_WORKER_*}).
 *
 * @param workflowCacheSize workflows kept in the sticky cache between their tasks; each one parks a
 *     workflow thread, so this bounds the worker's memory however many trials and subscriptions
 *     wait. A workflow evicted from the cache is replayed from its (short) history when it wakes.
 * @param maxWorkflowThreads threads for cached and running workflows together
 */
@ConfigurationProperties(prefix = "billhook.worker")
public record WorkerProperties(int workflowCacheSize, int maxWorkflowThreads) {}
