package io.billhook.api.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billhook.workflows.events.EventType;
import java.time.Instant;

/** A validated report from the billing system; {@code id} is null when Billhook should make one. */
record ReportedEvent(String id, EventType type, Instant timestamp, ObjectNode data) {}
