package io.billhook.workflows.delivery;

/** What one delivery activity needs; the endpoint itself is read fresh at every attempt. */
public record DeliveryRequest(
    String vendorId,
    String eventId,
    String eventType,
    String endpointId,
    String body,
    int maxAttempts) {}
