package io.billhook.bench;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Same shape and activity options as Billhook's EventDeliveryWorkflowImpl, minus the work. */
public class FloorWorkflowImpl implements FloorWorkflow {
  private final FloorActivities activities =
      Workflow.newActivityStub(
          FloorActivities.class,
          ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

  @Override
  public void deliver(int endpoints, String body) {
    List<Promise<Void>> pending = new ArrayList<>();
    for (int i = 0; i < endpoints; i++) {
      pending.add(Async.procedure(activities::noop, body));
    }
    Promise.allOf(pending).get();
  }
}
