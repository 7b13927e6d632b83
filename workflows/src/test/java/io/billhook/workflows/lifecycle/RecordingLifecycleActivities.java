package io.billhook.workflows.lifecycle;

import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the timers emit and the (skipped) time at which they did. */
class RecordingLifecycleActivities implements LifecycleActivities {
  record Emitted(GeneratedEvent event, Instant emittedAt) {}

  private final TestWorkflowEnvironment env;
  final List<Emitted> emitted = new CopyOnWriteArrayList<>();

  RecordingLifecycleActivities(TestWorkflowEnvironment env) {
    this.env = env;
  }

  @Override
  public void emit(GeneratedEvent event) {
    emitted.add(new Emitted(event, Instant.ofEpochMilli(env.currentTimeMillis())));
  }

  List<String> types() {
    return emitted.stream().map(e -> e.event().type()).toList();
  }
}
