package io.billhook.workflows.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** Records what the workflows publish and emit, the (skipped) time they did, and in what order. */
class RecordingLifecycleActivities implements LifecycleActivities {
  record Emitted(GeneratedEvent event, Instant emittedAt) {}

  private final Supplier<Instant> clock;
  final List<Emitted> emitted = new CopyOnWriteArrayList<>();

  /** Every publish and emit in order, as the event type. */
  final List<String> order = new CopyOnWriteArrayList<>();

  /** {@code clock} gives the test environment's (skipped) time. */
  RecordingLifecycleActivities(Supplier<Instant> clock) {
    this.clock = clock;
  }

  @Override
  public void emit(GeneratedEvent event) {
    emitted.add(new Emitted(event, clock.get()));
    order.add(event.type());
  }

  @Override
  public void publish(ReportedEvent event) {
    order.add(event.type());
  }

  /** What the record holds, as {@link #storedTrialStart} and its peer answer; null if nothing. */
  volatile TrialStarted storedStart;

  volatile SubscriptionReport storedCreation;

  /** Conversions asked for, as "trialId by subscriptionId". */
  final List<String> conversions = new CopyOnWriteArrayList<>();

  @Override
  public void convertTrial(String vendorId, String trialId, TrialConversion conversion) {
    conversions.add(trialId + " by " + conversion.subscriptionId());
  }

  @Override
  public TrialStarted storedTrialStart(String vendorId, String trialId) {
    order.add("read record");
    return storedStart;
  }

  @Override
  public SubscriptionReport storedSubscriptionCreation(String vendorId, String subscriptionId) {
    order.add("read record");
    return storedCreation;
  }

  List<String> types() {
    return emitted.stream().map(e -> e.event().type()).toList();
  }
}
