package io.billhook.workflows.lifecycle;

import java.time.Instant;

/** An event an entity's clock will produce, and when. */
public record ScheduledEvent(String type, Instant at) {}
