package io.billhook.workflows.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds an entity's state from its stored reports, in the order they were accepted, with the
 * same rules its workflow applies (each report at the moment it was accepted). A workflow started
 * from the result carries on as if it had never been lost: its timers keep their planned times.
 */
public final class EntityReplay {
  private EntityReplay() {}

  /** A stored report and the moment it was accepted. */
  public record Accepted<R>(R report, Instant at) {}

  /** The rebuilt state, and the ids of the reports it applied (conflicting ones are skipped). */
  public record Rebuilt<S>(S state, List<String> appliedEventIds) {}

  /**
   * The trial started by {@code started}, converted by {@code conversion} (may be null) if that
   * came before the trial ended.
   */
  public static Rebuilt<TrialState> trial(
      TrialState initial, Accepted<TrialStarted> started, Accepted<TrialConversion> conversion) {
    TrialRules.start(initial, started.report(), started.at());
    if (conversion != null && conversion.at().isBefore(initial.trialEnd)) {
      TrialRules.convert(initial, conversion.report(), conversion.at());
    }
    return new Rebuilt<>(initial, List.of(started.report().eventId()));
  }

  /**
   * The subscription after every stored report that its rules accept, in order, up to its expiry
   * (reports after it were refused); its workflow then fires that expiry, under the same id.
   */
  public static Rebuilt<SubscriptionState> subscription(
      SubscriptionState initial, List<Accepted<SubscriptionReport>> reports) {
    List<String> applied = new ArrayList<>();
    for (Accepted<SubscriptionReport> accepted : reports) {
      SubscriptionReport report = accepted.report();
      if (SubscriptionRules.next(initial).filter(e -> !e.at().isAfter(accepted.at())).isPresent()) {
        break;
      }
      if (SubscriptionRules.conflict(initial, report).isEmpty()
          && !initial.appliedEventIds.contains(report.eventId())) {
        SubscriptionRules.apply(initial, report, accepted.at());
        applied.add(report.eventId());
      }
    }
    return new Rebuilt<>(initial, applied);
  }
}
