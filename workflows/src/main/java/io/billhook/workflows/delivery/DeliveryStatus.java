package io.billhook.workflows.delivery;

/** The state of one event's delivery to one endpoint, as the API shows it. */
public enum DeliveryStatus {
  PENDING,
  SUCCEEDED,
  FAILED;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
