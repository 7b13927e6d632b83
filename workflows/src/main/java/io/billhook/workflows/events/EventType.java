package io.billhook.workflows.events;

import static io.billhook.workflows.events.DataField.id;
import static io.billhook.workflows.events.DataField.instant;
import static io.billhook.workflows.events.DataField.optional;
import static io.billhook.workflows.events.DataField.text;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The closed catalogue of event types (docs/receivers.md, "What arrives"), with what is known of
 * each: its wire name, who produces it, its description, the lifecycle entity a report of it
 * drives, and the data fields Billhook reads from it.
 */
public enum EventType {
  SUBSCRIPTION_CREATED(
      "subscription.created",
      Origin.REPORTED,
      "A subscription was created.",
      Entity.SUBSCRIPTION,
      id("subscriptionId"),
      id("customerId"),
      instant("currentPeriodEnd"),
      optional("trialId", DataField.Kind.ID)),
  SUBSCRIPTION_RENEWED(
      "subscription.renewed",
      Origin.REPORTED,
      "A subscription was renewed for a new period.",
      Entity.SUBSCRIPTION,
      id("subscriptionId"),
      id("customerId"),
      instant("currentPeriodEnd")),
  SUBSCRIPTION_CANCELLED(
      "subscription.cancelled",
      Origin.REPORTED,
      "A subscription was cancelled; it expires at the end of the paid period unless immediate.",
      Entity.SUBSCRIPTION,
      id("subscriptionId"),
      optional("currentPeriodEnd", DataField.Kind.INSTANT),
      optional("cancelAtPeriodEnd", DataField.Kind.BOOLEAN)),
  SUBSCRIPTION_EXPIRED(
      "subscription.expired",
      Origin.TIMED,
      "A subscription ended: cancelled, or not renewed within the grace period."),
  SUBSCRIPTION_SUSPENDED(
      "subscription.suspended",
      Origin.REPORTED,
      "A subscription is on hold until renewed.",
      Entity.SUBSCRIPTION,
      id("subscriptionId"),
      optional("currentPeriodEnd", DataField.Kind.INSTANT)),
  PAYMENT_RECEIVED("payment.received", Origin.REPORTED, "A payment was received."),
  PAYMENT_FAILED("payment.failed", Origin.REPORTED, "A payment attempt failed."),
  INVOICE_CREATED("invoice.created", Origin.REPORTED, "An invoice was created."),
  INVOICE_PAID("invoice.paid", Origin.REPORTED, "An invoice was paid."),
  CUSTOMER_CREATED("customer.created", Origin.REPORTED, "A customer was created."),
  CUSTOMER_UPDATED("customer.updated", Origin.REPORTED, "A customer's details changed."),
  CUSTOMER_DELETED("customer.deleted", Origin.REPORTED, "A customer was deleted."),
  TRIAL_STARTED(
      "trial.started",
      Origin.REPORTED,
      "A trial started.",
      Entity.TRIAL,
      id("trialId"),
      id("customerId"),
      instant("trialEnd")),
  TRIAL_EXPIRING(
      "trial.expiring", Origin.TIMED, "A trial ends soon (the vendor's lead time before its end)."),
  TRIAL_EXPIRED("trial.expired", Origin.TIMED, "A trial ended without converting."),
  ENDPOINT_DISABLED(
      "endpoint.disabled",
      Origin.GENERATED,
      "An endpoint was disabled: every attempt to it failed for too long (5 days by default).",
      null,
      id("endpointId"),
      text("url"),
      text("reason"),
      instant("failingSince")),
  WEBHOOK_TEST("webhook.test", Origin.TEST, "A test event sent from the endpoint's test action.");

  /** Who produces an event of this type. Only {@link #REPORTED} types are accepted as input. */
  public enum Origin {
    REPORTED,
    TIMED,
    TEST,
    /** Produced by Billhook itself about the vendor's own setup (an endpoint it disabled). */
    GENERATED
  }

  /** A lifecycle entity: reports drive it, and its workflow's clock produces the timed events. */
  public enum Entity {
    TRIAL("trial", "trialId"),
    SUBSCRIPTION("subscription", "subscriptionId");

    private final String kind;
    private final String idField;

    Entity(String kind, String idField) {
      this.kind = kind;
      this.idField = idField;
    }

    /** The entity's name in messages, workflow ids and the registry: "trial", "subscription". */
    public String kind() {
      return kind;
    }

    /** The data field that names the entity in its reports. */
    public String idField() {
      return idField;
    }

    /** The report that brings the entity into being. */
    public EventType creation() {
      return this == TRIAL ? TRIAL_STARTED : SUBSCRIPTION_CREATED;
    }

    /** The timed event that ends the entity's life. */
    public EventType end() {
      return this == TRIAL ? TRIAL_EXPIRED : SUBSCRIPTION_EXPIRED;
    }
  }

  private final String wireName;
  private final Origin origin;
  private final String description;
  private final Entity drives;
  private final List<DataField> data;

  EventType(String wireName, Origin origin, String description) {
    this(wireName, origin, description, null);
  }

  EventType(String wireName, Origin origin, String description, Entity drives, DataField... data) {
    this.wireName = wireName;
    this.origin = origin;
    this.description = description;
    this.drives = drives;
    this.data = List.of(data);
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

  /** The entity a report of this type drives (and which publishes it), if any. */
  public Optional<Entity> drives() {
    return Optional.ofNullable(drives);
  }

  /** Whether a report of this type brings its entity into being. */
  public boolean creates() {
    return drives != null && drives.creation() == this;
  }

  /**
   * The data fields Billhook reads from a report of this type (for a type Billhook generates, the
   * fields it sends), the required ones first.
   */
  public List<DataField> data() {
    return data;
  }

  public static Optional<EventType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return wireName;
  }
}
