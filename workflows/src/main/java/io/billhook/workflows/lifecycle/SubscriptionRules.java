package io.billhook.workflows.lifecycle;

import static io.billhook.workflows.lifecycle.SubscriptionStatus.ACTIVE;
import static io.billhook.workflows.lifecycle.SubscriptionStatus.CANCELLED;
import static io.billhook.workflows.lifecycle.SubscriptionStatus.EXPIRED;
import static io.billhook.workflows.lifecycle.SubscriptionStatus.NEW;
import static io.billhook.workflows.lifecycle.SubscriptionStatus.SUSPENDED;

import java.time.Instant;
import java.util.Optional;

/**
 * The subscription state machine (README, "Use it"), as pure functions of state, report and time:
 * which reports conflict, what each does, and which event is due next.
 */
final class SubscriptionRules {
  static final String EXPIRED_TYPE = "subscription.expired";

  private SubscriptionRules() {}

  /** Why the report contradicts the state, if it does. */
  static Optional<String> conflict(SubscriptionState s, SubscriptionReport r) {
    if (s.appliedEventIds.contains(r.eventId())) {
      return Optional.empty();
    }
    String name = "subscription " + s.subscriptionId;
    if (s.status == NEW && !r.type().equals("subscription.created")) {
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
    return switch (r.type()) {
      case "subscription.created" ->
          s.status == NEW ? Optional.empty() : Optional.of(name + " already exists");
      case "subscription.renewed" ->
          s.status == NEW
              ? Optional.of(name + " is not known; report subscription.created first")
              : r.currentPeriodEnd().isAfter(s.currentPeriodEnd)
                  ? Optional.empty()
                  : Optional.of(
                      "the renewal's currentPeriodEnd "
                          + r.currentPeriodEnd()
                          + " must be later than the current period end "
                          + s.currentPeriodEnd);
      case "subscription.cancelled" ->
          s.status == CANCELLED && r.cancelAtPeriodEnd()
              ? Optional.of(name + " is already cancelled")
              : Optional.empty();
      case "subscription.suspended" ->
          s.status == ACTIVE
              ? Optional.empty()
              : Optional.of(
                  name + " is " + s.status.wireName() + "; only an active one can be suspended");
      default -> Optional.of(r.type() + " does not apply to a subscription");
    };
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
    switch (r.type()) {
      case "subscription.created", "subscription.renewed" -> {
        s.status = ACTIVE;
        s.currentPeriodEnd = r.currentPeriodEnd();
        s.cancelledUntil = null;
      }
      case "subscription.cancelled" -> {
        s.status = CANCELLED;
        s.cancelledUntil = r.cancelAtPeriodEnd() ? s.currentPeriodEnd : now;
      }
      case "subscription.suspended" -> s.status = SUSPENDED;
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
        new ScheduledEvent(EXPIRED_TYPE, at.isBefore(s.changedAt) ? s.changedAt : at));
  }

  static String expiryReason(SubscriptionState s) {
    return s.status == CANCELLED ? "cancelled" : "not_renewed";
  }
}
