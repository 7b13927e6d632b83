package io.billhook.workflows.delivery;

/**
 * An endpoint subscribed to an event when it was accepted; its URL labels the activity in the UI.
 */
public record DeliveryTarget(String endpointId, String url) {}
