package io.billhook.workflows.lifecycle;

import io.temporal.workflow.WorkflowInit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

public class TrialLifecycleWorkflowImpl implements TrialLifecycleWorkflow {
  private final EntityEffects effects;
  private final EntityClock clock;
  private final TrialState state;

  @WorkflowInit
  public TrialLifecycleWorkflowImpl(TrialState state) {
    this.state = state;
    // Here, before any handler runs: the run's shape is decided on the workflow's root thread.
    this.effects = new EntityEffects("publish this trial's events");
    this.clock = new EntityClock(effects.current());
  }

  @Override
  public void run(TrialState initial) {
    if (!FirstReport.arrived(
        () -> state.status != TrialStatus.NEW,
        state.firstReportPatienceSeconds,
        () -> {
          TrialStarted stored =
              effects.activities().storedTrialStart(state.vendorId, state.trialId);
          if (stored != null) {
            start(stored);
          }
        })) {
      return;
    }
    clock.run(
        () -> state.status == TrialStatus.TRIALING,
        () -> first(scheduled()),
        () -> state.status.wireName(),
        this::fire,
        state.historyLimit,
        state);
  }

  private void fire(ScheduledEvent due) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("trialId", state.trialId);
    data.put("customerId", state.customerId);
    // Sorted, whatever map the details came in (a report, or state carried across runs).
    data.putAll(new TreeMap<>(state.details));
    data.put("trialEnd", state.trialEnd.toString());
    if (TrialRules.EXPIRING.equals(due.type())) {
      state.expiringSent = true;
    } else {
      data.put("reason", "trial_ended");
      // Expired from this moment: a conversion racing the emit below no longer applies.
      state.status = TrialStatus.EXPIRED;
    }
    effects.emit(GeneratedEvent.of(state.vendorId, state.key(), due.type(), due.at(), data));
  }

  private List<ScheduledEvent> scheduled() {
    return TrialRules.scheduled(state);
  }

  private static ScheduledEvent first(List<ScheduledEvent> events) {
    return events.isEmpty() ? null : events.get(0);
  }

  @Override
  public TrialView start(TrialStarted started) {
    boolean first = state.status == TrialStatus.NEW;
    TrialRules.start(state, started, EntityClock.now());
    clock.changed();
    if (first) {
      CustomerSearchAttribute.keep(state.customerId, effects.current());
    }
    if (first && started.event() != null) {
      effects.publish(started.event());
    }
    return view();
  }

  @Override
  public void validateStart(TrialStarted started) {
    LifecycleConflict.throwIfPresent(TrialRules.conflict(state, started));
  }

  @Override
  public TrialView convert(TrialConversion conversion) {
    TrialRules.convert(state, conversion, EntityClock.now());
    clock.changed();
    return view();
  }

  @Override
  public void changeSettings(LifecycleSettings settings) {
    clock.changeSettings(settings, state);
  }

  @Override
  public TrialView view() {
    return new TrialView(
        state.trialId,
        state.customerId,
        state.status.wireName(),
        state.trialEnd,
        state.convertedBy,
        scheduled());
  }
}
