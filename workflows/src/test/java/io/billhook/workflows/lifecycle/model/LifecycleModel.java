package io.billhook.workflows.lifecycle.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small reference model of the subscription and trial lifecycles, written from the lifecycle spec
 * alone (it shares no code with {@code SubscriptionRules} or {@code TrialRules}). It is pure: time
 * only moves when the caller says so, through {@link Subscription#advanceTo} and the {@code now}
 * argument of every operation.
 *
 * <p>Timing rule shared by both machines: an event is due at {@code max(target, plannedAt)} where
 * {@code plannedAt} is the moment of the last change that re-planned it (a report, a settings
 * change, or the previous event firing). When {@code target} is after {@code plannedAt} the event
 * is due exactly at {@code target}; otherwise it fires "at once", at {@code plannedAt}. A test can
 * only bracket the workflow's own notion of "at once" (its task time is a few milliseconds after
 * the test read the clock), so such events carry {@code atOnce = true}.
 */
final class LifecycleModel {
  static final String CREATED = "subscription.created";
  static final String RENEWED = "subscription.renewed";
  static final String CANCELLED = "subscription.cancelled";
  static final String SUSPENDED = "subscription.suspended";
  static final String SUBSCRIPTION_EXPIRED = "subscription.expired";
  static final String TRIAL_EXPIRING = "trial.expiring";
  static final String TRIAL_EXPIRED = "trial.expired";

  static final Duration DEFAULT_RENEWAL_GRACE = Duration.ofHours(24);
  static final Duration DEFAULT_TRIAL_EXPIRING_LEAD = Duration.ofHours(72);

  private LifecycleModel() {}

  enum Outcome {
    ACCEPTED,
    CONFLICT
  }

  /**
   * An event the model expects. {@code at} is exact unless {@code atOnce}, in which case it is the
   * moment (as read by the test) of the change that made the event due at once. {@code data} holds
   * the fields the spec defines (empty when the spec defines none).
   */
  record Expected(String type, Instant at, boolean atOnce, Map<String, String> data) {
    @Override
    public String toString() {
      return type + " at " + at + (atOnce ? " (at once)" : "") + (data.isEmpty() ? "" : " " + data);
    }
  }

  /** An event that is pending: what it is, when it is due, and whether that is "at once". */
  record Pending(String type, Instant at, boolean atOnce) {}

  private static Pending due(String type, Instant target, Instant plannedAt) {
    return target.isAfter(plannedAt)
        ? new Pending(type, target, false)
        : new Pending(type, plannedAt, true);
  }

  /** What both machines share: the settings they plan with, when they last planned, what fired. */
  abstract static sealed class Entity permits Subscription, Trial {
    final String customerId;
    String status = "new";
    Duration trialExpiringLead;
    Duration renewalGrace;
    Instant plannedAt;
    final List<Expected> emitted = new ArrayList<>();

    Entity(String customerId, Duration lead, Duration grace) {
      this.customerId = customerId;
      this.trialExpiringLead = lead;
      this.renewalGrace = grace;
    }

    /** Fires everything due up to and including {@code now}. */
    abstract void advanceTo(Instant now);

    /** The period or trial end the entity has now (null before it was created or started). */
    abstract Instant end();

    /** What is still to fire, in order (empty when nothing is). */
    abstract List<Pending> pending();

    /** A settings change at {@code now}: what is pending is planned again from now. */
    void changeSettings(Duration lead, Duration grace, Instant now) {
      advanceTo(now);
      trialExpiringLead = lead;
      renewalGrace = grace;
      plannedAt = now;
      advanceTo(now);
    }

    /** Expired or converted: its workflow has completed. */
    boolean terminal() {
      return status.equals("expired") || status.equals("converted");
    }
  }

  /** Subscription: new → active | cancelled | suspended → expired. */
  static final class Subscription extends Entity {
    final String subscriptionId;
    Instant periodEnd;

    /** For a cancelled subscription: when it expires (the period end, or the report moment). */
    Instant cancelledUntil;

    final Set<String> applied = new HashSet<>();

    Subscription(String subscriptionId, String customerId, Duration lead, Duration grace) {
      super(customerId, lead, grace);
      this.subscriptionId = subscriptionId;
    }

    /** A subscription report at {@code now}; {@code end} is the report's currentPeriodEnd. */
    Outcome report(
        String eventId, String type, Instant end, boolean cancelAtPeriodEnd, Instant now) {
      advanceTo(now);
      if (status.equals("expired")) {
        return Outcome.CONFLICT; // "any report to an expired subscription → conflict"
      }
      if (applied.contains(eventId)) {
        return Outcome.ACCEPTED; // already applied: no change, no conflict
      }
      switch (type) {
        case CREATED -> {
          if (!status.equals("new")) {
            return Outcome.CONFLICT;
          }
          status = "active";
          periodEnd = end;
        }
        case RENEWED -> {
          if (status.equals("new") || !end.isAfter(periodEnd)) {
            return Outcome.CONFLICT;
          }
          status = "active";
          periodEnd = end;
          cancelledUntil = null;
        }
        case CANCELLED -> {
          if (cancelAtPeriodEnd) {
            if (status.equals("cancelled")) {
              return Outcome.CONFLICT;
            }
            cancelledUntil = periodEnd;
          } else {
            cancelledUntil = now;
          }
          status = "cancelled";
        }
        case SUSPENDED -> {
          if (!status.equals("active")) {
            return Outcome.CONFLICT;
          }
          status = "suspended";
        }
        default -> throw new IllegalArgumentException(type);
      }
      applied.add(eventId);
      plannedAt = now;
      advanceTo(now);
      return Outcome.ACCEPTED;
    }

    @Override
    List<Pending> pending() {
      Pending expiry = expiry();
      return expiry == null ? List.of() : List.of(expiry);
    }

    /** The expiry this subscription is heading for, if any. */
    private Pending expiry() {
      return switch (status) {
        case "active" -> due(SUBSCRIPTION_EXPIRED, periodEnd.plus(renewalGrace), plannedAt);
        // Cancelled at the period end of a subscription never created: the spec gives no period
        // end, so there is nothing to schedule (the random sequences never do this).
        case "cancelled" ->
            cancelledUntil == null ? null : due(SUBSCRIPTION_EXPIRED, cancelledUntil, plannedAt);
        default -> null;
      };
    }

    @Override
    void advanceTo(Instant now) {
      Pending next = expiry();
      if (next != null && !next.at().isAfter(now)) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("subscriptionId", subscriptionId);
        data.put("customerId", customerId);
        data.put("currentPeriodEnd", String.valueOf(periodEnd));
        data.put("reason", status.equals("cancelled") ? "cancelled" : "not_renewed");
        emitted.add(new Expected(next.type(), next.at(), next.atOnce(), data));
        status = "expired";
      }
    }

    @Override
    Instant end() {
      return periodEnd;
    }

    @Override
    public String toString() {
      String cancelled = cancelledUntil == null ? "" : " cancelledUntil=" + cancelledUntil;
      return "status=%s periodEnd=%s%s grace=%s pending=%s"
          .formatted(status, periodEnd, cancelled, renewalGrace, expiry());
    }
  }

  /** Trial: new → trialing → converted | expired, with trial.expiring on the way. */
  static final class Trial extends Entity {
    final String trialId;
    String startedBy;
    Instant trialEnd;
    boolean expiringSent;

    Trial(String trialId, String customerId, Duration lead, Duration grace) {
      super(customerId, lead, grace);
      this.trialId = trialId;
    }

    Outcome start(String eventId, Instant end, Instant now) {
      advanceTo(now);
      if (status.equals("new")) {
        status = "trialing";
        startedBy = eventId;
        trialEnd = end;
        plannedAt = now;
        advanceTo(now);
        return Outcome.ACCEPTED;
      }
      if (!status.equals("trialing")) {
        // Ended (expired or converted): its workflow has completed, which reads as a conflict.
        // At the API a repeated report never gets this far: the event store answers it with the
        // original (200) first.
        return Outcome.CONFLICT;
      }
      return eventId.equals(startedBy) ? Outcome.ACCEPTED : Outcome.CONFLICT;
    }

    /** Converting stops a trialing trial; anything else (expired, converted, new) is unchanged. */
    Outcome convert(Instant now) {
      advanceTo(now);
      if (status.equals("trialing")) {
        status = "converted";
      }
      return Outcome.ACCEPTED;
    }

    @Override
    List<Pending> pending() {
      List<Pending> out = new ArrayList<>();
      if (!status.equals("trialing")) {
        return out;
      }
      if (!expiringSent) {
        out.add(due(TRIAL_EXPIRING, trialEnd.minus(trialExpiringLead), plannedAt));
      }
      out.add(due(TRIAL_EXPIRED, trialEnd, plannedAt));
      return out;
    }

    @Override
    void advanceTo(Instant now) {
      while (true) {
        List<Pending> pending = pending();
        if (pending.isEmpty() || pending.get(0).at().isAfter(now)) {
          return;
        }
        Pending next = pending.get(0);
        emitted.add(new Expected(next.type(), next.at(), next.atOnce(), Map.of()));
        if (next.type().equals(TRIAL_EXPIRING)) {
          expiringSent = true;
          // What follows is planned from the moment this one fired.
          plannedAt = next.at();
        } else {
          status = "expired";
        }
      }
    }

    @Override
    Instant end() {
      return trialEnd;
    }

    @Override
    public String toString() {
      return "status=%s trialEnd=%s lead=%s expiringSent=%s pending=%s"
          .formatted(status, trialEnd, trialExpiringLead, expiringSent, pending());
    }
  }
}
