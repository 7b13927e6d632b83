package io.billhook.workflows.events;

import java.util.Arrays;
import java.util.Optional;

/** The closed catalogue of event types (docs/receivers.md, "What arrives"). */
public enum EventType {
  SUBSCRIPTION_CREATED("subscription.created", Origin.REPORTED, "A subscription was created."),
  SUBSCRIPTION_RENEWED(
      "subscription.renewed", Origin.REPORTED, "A subscription was renewed for a new period."),
  SUBSCRIPTION_CANCELLED(
      "subscription.cancelled",
      Origin.REPORTED,
      "A subscription was cancelled; it expires at the end of the paid period unless immediate."),
  SUBSCRIPTION_EXPIRED(
      "subscription.expired",
      Origin.TIMED,
      "A subscription ended: cancelled, or not renewed within the grace period."),
  SUBSCRIPTION_SUSPENDED(
      "subscription.suspended", Origin.REPORTED, "A subscription is on hold until renewed."),
  PAYMENT_RECEIVED("payment.received", Origin.REPORTED, "A payment was received."),
  PAYMENT_FAILED("payment.failed", Origin.REPORTED, "A payment attempt failed."),
  INVOICE_CREATED("invoice.created", Origin.REPORTED, "An invoice was created."),
  INVOICE_PAID("invoice.paid", Origin.REPORTED, "An invoice was paid."),
  CUSTOMER_CREATED("customer.created", Origin.REPORTED, "A customer was created."),
  CUSTOMER_UPDATED("customer.updated", Origin.REPORTED, "A customer's details changed."),
  CUSTOMER_DELETED("customer.deleted", Origin.REPORTED, "A customer was deleted."),
  TRIAL_STARTED("trial.started", Origin.REPORTED, "A trial started."),
  TRIAL_EXPIRING(
      "trial.expiring", Origin.TIMED, "A trial ends soon (the vendor's lead time before its end)."),
  TRIAL_EXPIRED("trial.expired", Origin.TIMED, "A trial ended without converting."),
  WEBHOOK_TEST("webhook.test", Origin.TEST, "A test event sent from the endpoint's test action.");

  /** Who produces an event of this type. Only {@link #REPORTED} types are accepted as input. */
  public enum Origin {
    REPORTED,
    TIMED,
    TEST
  }

  private final String wireName;
  private final Origin origin;
  private final String description;

  EventType(String wireName, Origin origin, String description) {
    this.wireName = wireName;
    this.origin = origin;
    this.description = description;
  }

  public String wireName() {
    return wireName;
  }

  public Origin origin() {
    return origin;
  }

  public String description() {
    return description;
  }

  public static Optional<EventType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return wireName;
  }
}
