package io.billhook.workflows.lifecycle;

import java.time.Instant;
import java.util.List;

/** A trial as the API shows it. */
public record TrialView(
    String trialId,
    String customerId,
    String status,
    Instant trialEnd,
    String convertedBy,
    List<ScheduledEvent> scheduled) {}
