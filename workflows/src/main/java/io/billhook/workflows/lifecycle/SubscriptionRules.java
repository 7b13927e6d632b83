package io.billhook.workflows.lifecycle;

import static io.billhook.workflows.lifecycle.SubscriptionStatus.ACTIVE;
import static io.billhook.workflows.lifecycle.SubscriptionStatus.CANCELLED;
import static io.billhook.workflows.lifecycle.SubscriptionStatus.EXPIRED;
import static io.billhook.workflows.lifecycle.SubscriptionStatus.NEW;
import static io.billhook.workflows.lifecycle.SubscriptionStatus.SUSPENDED;

import io.billhook.workflows.events.EventType;
import java.time.Instant;
import java.util.Optional;

/**
 * The subscription state machine (README, "Use it"), as pure functions of state, report and time:
 * which reports conflict, what each does, and which event is due next.
 */
final class SubscriptionRules {
  private SubscriptionRules() {}

  /** Why the report contradicts the state, if it does. */
  static Optional<String> conflict(SubscriptionState s, SubscriptionReport r) {
    if (s.appliedEventIds.contains(r.eventId())) {
      return Optional.empty();
    }
    String name = "subscription " + s.subscriptionId;
    EventType type = typeOf(r);
    if (s.status == NEW && type != EventType.SUBSCRIPTION_CREATED) {
      return Optional.of(name + " is not known; report subscription.created first");
    }
    if (s.status == EXPIRED) {
      return Optional.of(name + " has expired; a new subscription needs a new subscriptionId");
    }
    if (r.customerId() != null && s.customerId != null && !r.customerId().equals(s.customerId)) {
      return Optional.of(
          name
              + " belongs to customer "
              + s.customerId
              + ", not "
              + r.customerId()
              + "; a subscription never changes customer");
    }
    if (type == null) {
      return Optional.of(notApplicable(r));
    }
    return switch (type) {
      case SUBSCRIPTION_CREATED ->
          s.status == NEW ? Optional.empty() : Optional.of(name + " already exists");
      case SUBSCRIPTION_RENEWED ->
          s.status == NEW
              ? Optional.of(name + " is not known; report subscription.created first")
              : r.currentPeriodEnd().isAfter(s.currentPeriodEnd)
                  ? Optional.empty()
                  : Optional.of(
                      "the renewal's currentPeriodEnd "
                          + r.currentPeriodEnd()
                          + " must be later than the current period end "
                          + s.currentPeriodEnd);
      case SUBSCRIPTION_CANCELLED ->
          s.status == CANCELLED && r.cancelAtPeriodEnd()
              ? Optional.of(name + " is already cancelled")
              : Optional.empty();
      case SUBSCRIPTION_SUSPENDED ->
          s.status == ACTIVE
              ? Optional.empty()
              : Optional.of(
                  name + " is " + s.status.wireName() + "; only an active one can be suspended");
      default -> Optional.of(notApplicable(r));
    };
  }

  /** The report's type, or null if its name is not in the catalogue. */
  private static EventType typeOf(SubscriptionReport r) {
    return EventType.fromWireName(r.type()).orElse(null);
  }

  private static String notApplicable(SubscriptionReport r) {
    return r.type() + " does not apply to a subscription";
  }

  /** Applies a report that does not conflict; a repeated report changes nothing. */
  static void apply(SubscriptionState s, SubscriptionReport r, Instant now) {
    if (s.appliedEventIds.contains(r.eventId())) {
      return;
    }
    s.remember(r.eventId());
    s.changedAt = now;
    s.details.putAll(r.details());
    if (r.customerId() != null) {
      s.customerId = r.customerId();
    }
    EventType type = typeOf(r);
    if (type == null) {
      throw new IllegalArgumentException(r.type());
    }
    switch (type) {
      case SUBSCRIPTION_CREATED, SUBSCRIPTION_RENEWED -> {
        s.status = ACTIVE;
        s.currentPeriodEnd = r.currentPeriodEnd();
        s.cancelledUntil = null;
      }
      case SUBSCRIPTION_CANCELLED -> {
        s.status = CANCELLED;
        s.cancelledUntil = r.cancelAtPeriodEnd() ? s.currentPeriodEnd : now;
      }
      case SUBSCRIPTION_SUSPENDED -> s.status = SUSPENDED;
      default -> throw new IllegalArgumentException(r.type());
    }
  }

  /**
   * The expiry this subscription is heading for, if any: at its target time, or when the plan last
   * changed if that was later (an expiry made due by a report happens at the report). An outage
   * does not move it: a late timer still emits the planned time.
   */
  static Optional<ScheduledEvent> next(SubscriptionState s) {
    Instant at =
        switch (s.status) {
          case ACTIVE -> s.currentPeriodEnd.plus(s.settings.renewalGrace());
          case CANCELLED -> s.cancelledUntil;
          case NEW, SUSPENDED, EXPIRED -> null;
        };
    if (at == null) {
      return Optional.empty();
    }
    return Optional.of(
        new ScheduledEvent(
            EventType.SUBSCRIPTION_EXPIRED.wireName(),
            at.isBefore(s.changedAt) ? s.changedAt : at));
  }

  static String expiryReason(SubscriptionState s) {
    return s.status == CANCELLED ? "cancelled" : "not_renewed";
  }
}
