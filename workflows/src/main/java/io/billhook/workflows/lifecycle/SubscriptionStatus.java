package io.billhook.workflows.lifecycle;

/** Where a subscription is in its life; NEW only until its {@code subscription.created}. */
public enum SubscriptionStatus {
  NEW,
  ACTIVE,
  CANCELLED,
  SUSPENDED,
  EXPIRED;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
