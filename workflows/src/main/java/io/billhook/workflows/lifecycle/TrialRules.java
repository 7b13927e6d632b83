package io.billhook.workflows.lifecycle;

import io.billhook.workflows.events.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The trial state machine (README, "Use it"): trial.expiring at trialEnd minus the vendor's lead
 * (at once if that moment has passed), then trial.expired at trialEnd, unless converted.
 */
final class TrialRules {
  static final String EXPIRING = EventType.TRIAL_EXPIRING.wireName();
  static final String EXPIRED = EventType.TRIAL_EXPIRED.wireName();

  private TrialRules() {}

  static Optional<String> conflict(TrialState s, TrialStarted started) {
    if (s.status == TrialStatus.NEW || started.eventId().equals(s.startedBy)) {
      return Optional.empty();
    }
    return Optional.of(
        "trial " + s.trialId + " already started (event " + s.startedBy + "); trials start once");
  }

  static void start(TrialState s, TrialStarted started, Instant now) {
    if (s.status != TrialStatus.NEW) {
      return;
    }
    s.status = TrialStatus.TRIALING;
    s.startedBy = started.eventId();
    s.startedAt = now;
    s.changedAt = now;
    s.customerId = started.customerId();
    s.trialEnd = started.trialEnd();
    s.details.putAll(started.details());
  }

  /** Converting stops the clock; a trial that already expired stays expired. */
  static void convert(TrialState s, TrialConversion conversion, Instant now) {
    if (s.status == TrialStatus.TRIALING) {
      s.changedAt = now;
      s.status = TrialStatus.CONVERTED;
      s.convertedBy = conversion.subscriptionId();
    }
  }

  /**
   * What the clock will still fire, in order: each at its target time, or when the plan last
   * changed if that was later. An outage does not move them: a late timer emits the planned time.
   */
  static List<ScheduledEvent> scheduled(TrialState s) {
    Instant floor = s.changedAt;
    List<ScheduledEvent> events = new ArrayList<>();
    if (s.status != TrialStatus.TRIALING) {
      return events;
    }
    if (!s.expiringSent) {
      events.add(
          new ScheduledEvent(
              EXPIRING, notBefore(s.trialEnd.minus(s.settings.trialExpiringLead()), floor)));
    }
    events.add(new ScheduledEvent(EXPIRED, notBefore(s.trialEnd, floor)));
    return events;
  }

  private static Instant notBefore(Instant at, Instant floor) {
    return at.isBefore(floor) ? floor : at;
  }
}
