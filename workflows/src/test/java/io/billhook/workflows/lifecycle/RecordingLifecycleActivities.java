package io.billhook.workflows.lifecycle;

import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the workflows publish and emit, the (skipped) time they did, and in what order. */
class RecordingLifecycleActivities implements LifecycleActivities {
  record Emitted(GeneratedEvent event, Instant emittedAt) {}

  private final TestWorkflowEnvironment env;
  final List<Emitted> emitted = new CopyOnWriteArrayList<>();

  /** Every publish and emit in order, as the event type. */
  final List<String> order = new CopyOnWriteArrayList<>();

  RecordingLifecycleActivities(TestWorkflowEnvironment env) {
    this.env = env;
  }

  @Override
  public void emit(GeneratedEvent event) {
    emitted.add(new Emitted(event, Instant.ofEpochMilli(env.currentTimeMillis())));
    order.add(event.type());
  }

  @Override
  public void publish(ReportedEvent event) {
    order.add(event.type());
  }

  List<String> types() {
    return emitted.stream().map(e -> e.event().type()).toList();
  }
}
