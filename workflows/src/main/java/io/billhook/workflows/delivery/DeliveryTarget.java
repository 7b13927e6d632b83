package io.billhook.workflows.delivery;

/**
 * An endpoint subscribed to an event when it was accepted; its URL labels the activity in the UI.
 *
 * @param series the sending of the delivery this run makes (1 for the first, one more each time it
 *     is sent again); 0 in runs recorded before, which act on whatever sending is current
 */
public record DeliveryTarget(String endpointId, String url, int series) {

  /** A target of the delivery's current sending, whichever it is. */
  public DeliveryTarget(String endpointId, String url) {
    this(endpointId, url, 0);
  }
}
