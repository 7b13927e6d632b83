package io.billhook.core.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billhook.workflows.events.EventType;
import java.time.Instant;
import java.util.Map;

/**
 * A validated report from the billing system; {@code id} is null when Billhook should make one.
 * {@code instants} holds the data times its type requires (trialEnd, currentPeriodEnd) and the
 * optional ones it was sent (currentPeriodEnd on cancelled and suspended), as parsed when they were
 * checked, by field name.
 */
record ParsedReport(
    String id, EventType type, Instant timestamp, ObjectNode data, Map<String, Instant> instants) {}
