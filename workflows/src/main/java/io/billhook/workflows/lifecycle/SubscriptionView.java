package io.billhook.workflows.lifecycle;

import java.time.Instant;
import java.util.List;

/** A subscription as the API shows it. */
public record SubscriptionView(
    String subscriptionId,
    String customerId,
    String status,
    Instant currentPeriodEnd,
    List<ScheduledEvent> scheduled) {}
