package io.billhook.workflows.lifecycle;

import io.temporal.workflow.WorkflowInit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

public class SubscriptionLifecycleWorkflowImpl implements SubscriptionLifecycleWorkflow {
  private final EntityEffects effects;
  private final EntityClock clock;
  private final SubscriptionState state;

  @WorkflowInit
  public SubscriptionLifecycleWorkflowImpl(SubscriptionState state) {
    this.state = state;
    // Here, before any handler runs: the run's shape is decided on the workflow's root thread.
    this.effects = new EntityEffects("publish this subscription's events");
    this.clock = new EntityClock(effects.current());
  }

  @Override
  public void run(SubscriptionState initial) {
    if (!FirstReport.arrived(
        () -> state.status != SubscriptionStatus.NEW,
        state.firstReportPatienceSeconds,
        () -> {
          SubscriptionReport stored =
              effects.activities().storedSubscriptionCreation(state.vendorId, state.subscriptionId);
          if (stored != null) {
            report(stored);
          }
        })) {
      return;
    }
    clock.run(
        () -> state.status != SubscriptionStatus.EXPIRED,
        () -> next().orElse(null),
        () -> state.status.wireName(),
        this::expire,
        state.historyLimit,
        state);
  }

  private void expire(ScheduledEvent due) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("subscriptionId", state.subscriptionId);
    data.put("customerId", state.customerId);
    // Sorted, whatever map the details came in (a report, or state carried across runs).
    data.putAll(new TreeMap<>(state.details));
    data.put("currentPeriodEnd", state.currentPeriodEnd.toString());
    data.put("reason", SubscriptionRules.expiryReason(state));
    // Expired from this moment: a report racing the emit below is refused, not half-applied.
    state.status = SubscriptionStatus.EXPIRED;
    effects.emit(GeneratedEvent.of(state.vendorId, state.key(), due.type(), due.at(), data));
  }

  private Optional<ScheduledEvent> next() {
    return SubscriptionRules.next(state);
  }

  @Override
  public SubscriptionView report(SubscriptionReport report) {
    boolean repeated = state.appliedEventIds.contains(report.eventId());
    SubscriptionRules.apply(state, report, EntityClock.now());
    clock.changed();
    if (!repeated) {
      CustomerSearchAttribute.keep(state.customerId, effects.current());
    }
    if (!repeated && report.event() != null) {
      effects.publish(report.event());
    }
    if (!repeated
        && report.trialId() != null
        && TrialConversionVersion.inWorkflow(effects.current())) {
      effects
          .activities()
          .convertTrial(
              state.vendorId,
              report.trialId(),
              new TrialConversion(report.eventId(), state.subscriptionId));
    }
    return view();
  }

  @Override
  public void validateReport(SubscriptionReport report) {
    LifecycleConflict.throwIfPresent(SubscriptionRules.conflict(state, report));
  }

  @Override
  public void changeSettings(LifecycleSettings settings) {
    clock.changeSettings(settings, state);
  }

  @Override
  public SubscriptionView view() {
    return new SubscriptionView(
        state.subscriptionId,
        state.customerId,
        state.status.wireName(),
        state.currentPeriodEnd,
        next().map(List::of).orElse(List.of()));
  }
}
