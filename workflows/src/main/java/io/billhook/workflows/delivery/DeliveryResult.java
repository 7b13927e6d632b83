package io.billhook.workflows.delivery;

/**
 * How a delivery ended. {@code statusCode} is 0 when no HTTP response was received; {@code error}
 * is null on success.
 */
public record DeliveryResult(
    String endpointId, DeliveryStatus status, int attempts, int statusCode, String error) {

  public static DeliveryResult failed(String endpointId, String error) {
    return new DeliveryResult(endpointId, DeliveryStatus.FAILED, 0, 0, error);
  }
}
