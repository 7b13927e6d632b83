package io.billhook.workflows.histories;

import io.billhook.workflows.lifecycle.LifecycleSettings;
import io.billhook.workflows.lifecycle.RolloutCursor;
import io.billhook.workflows.lifecycle.RolloutPage;
import io.billhook.workflows.lifecycle.SettingsRolloutActivities;
import io.billhook.workflows.lifecycle.SubscriptionLifecycleWorkflow;
import io.billhook.workflows.lifecycle.TrialLifecycleWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The settings rollout as the worker runs it, over a fixed list of running entities: signals the
 * new settings to each trial and subscription, so their histories show the settings arriving.
 */
final class SignallingSettingsRollout implements SettingsRolloutActivities {
  private static final Comparator<RolloutCursor> KEY_ORDER =
      Comparator.comparing(RolloutCursor::kind).thenComparing(RolloutCursor::entityId);

  private final WorkflowClient client;
  private final List<RolloutCursor> entities;

  SignallingSettingsRollout(
      WorkflowClient client, List<String> trialIds, List<String> subscriptionIds) {
    this.client = client;
    this.entities =
        Stream.concat(
                trialIds.stream().map(id -> new RolloutCursor("trial", id)),
                subscriptionIds.stream().map(id -> new RolloutCursor("subscription", id)))
            .toList();
  }

  @Override
  public int signalAll(String vendorId, LifecycleSettings settings) {
    entities.forEach(entity -> signal(vendorId, entity, settings));
    return entities.size();
  }

  /**
   * One entity per page, in key order (kind, then id), so a short recording shows many pages; an
   * entity without a running workflow is skipped as ended.
   */
  @Override
  public RolloutPage signalPage(String vendorId, LifecycleSettings settings, RolloutCursor after) {
    RolloutCursor next =
        entities.stream()
            .filter(entity -> KEY_ORDER.compare(entity, after) > 0)
            .min(KEY_ORDER)
            .orElse(null);
    if (next == null) {
      return new RolloutPage(0, null);
    }
    try {
      signal(vendorId, next, settings);
      return new RolloutPage(1, next);
    } catch (WorkflowNotFoundException ended) {
      return new RolloutPage(0, next);
    }
  }

  private void signal(String vendorId, RolloutCursor entity, LifecycleSettings settings) {
    if (entity.kind().equals("trial")) {
      client
          .newWorkflowStub(
              TrialLifecycleWorkflow.class,
              TrialLifecycleWorkflow.workflowId(vendorId, entity.entityId()))
          .changeSettings(settings);
    } else {
      client
          .newWorkflowStub(
              SubscriptionLifecycleWorkflow.class,
              SubscriptionLifecycleWorkflow.workflowId(vendorId, entity.entityId()))
          .changeSettings(settings);
    }
  }
}
