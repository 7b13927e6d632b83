package io.billhook.workflows.lifecycle;

/** A {@code subscription.created} naming this trial: the trial converted and never expires. */
public record TrialConversion(String eventId, String subscriptionId) {}
