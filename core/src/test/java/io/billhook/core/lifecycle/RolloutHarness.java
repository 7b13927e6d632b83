package io.billhook.core.lifecycle;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billhook.core.events.Envelope;
import io.billhook.core.testing.TestDatabase;
import io.billhook.workflows.SearchAttributes;
import io.billhook.workflows.TaskQueues;
import io.billhook.workflows.lifecycle.LifecycleActivities;
import io.billhook.workflows.lifecycle.LifecycleSettings;
import io.billhook.workflows.lifecycle.ScheduledEvent;
import io.billhook.workflows.lifecycle.SettingsRolloutWorkflow;
import io.billhook.workflows.lifecycle.SettingsRolloutWorkflowImpl;
import io.billhook.workflows.lifecycle.SubscriptionLifecycleWorkflowImpl;
import io.billhook.workflows.lifecycle.TrialLifecycleWorkflowImpl;
import io.billhook.workflows.lifecycle.TrialState;
import io.billhook.workflows.lifecycle.TrialStatus;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Trials in Temporal's in-memory server (real time, no skipping) and a real PostgreSQL, with the
 * settings rollout as the worker runs it; what the lifecycle activities publish goes nowhere.
 */
final class RolloutHarness implements AutoCloseable {
  static final String VENDOR = "acme";
  static final Instant TRIAL_END =
      Instant.now().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

  final JdbcClient jdbc = TestDatabase.jdbc();
  final LifecycleRegistry registry = new LifecycleRegistry(jdbc);
  final VendorSettingsStore settings = new VendorSettingsStore(jdbc);
  final TestWorkflowEnvironment env;
  final LifecycleWorkflows workflows;
  final SettingsRolloutActivitiesImpl rollout;

  RolloutHarness() {
    jdbc.sql("TRUNCATE lifecycle_entities, lifecycle_reports, vendor_settings, events CASCADE")
        .update();
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    for (var attribute : SearchAttributes.ALL) {
      env.registerSearchAttribute(attribute.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    workflows = new LifecycleWorkflows(env.getWorkflowClient());
    rollout = new SettingsRolloutActivitiesImpl(registry, new RunningEntities(jdbc), workflows);
    Worker worker = env.newWorker(TaskQueues.LIFECYCLE);
    worker.registerWorkflowImplementationTypes(
        TrialLifecycleWorkflowImpl.class,
        SubscriptionLifecycleWorkflowImpl.class,
        SettingsRolloutWorkflowImpl.class);
    worker.registerActivitiesImplementations(unpublished(), rollout);
    env.start();
  }

  /**
   * Reports trial.started for {@code trialId} the way the intake does (registered, then applied).
   */
  void startTrial(String trialId, EntityUpdates updates) {
    registry.add(VENDOR, LifecycleRegistry.TRIAL, trialId);
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("trialId", trialId);
    data.put("customerId", "cus_1");
    data.put("trialEnd", TRIAL_END.toString());
    Instant now = Instant.now();
    updates.apply(
        LifecycleReport.of(VENDOR, Envelope.of("evt_" + trialId, "trial.started", now, data), now));
  }

  /**
   * Registers a trial and starts its workflow already trialing, as a trial that continued as new
   * runs: one start and no report to apply, so many can be set up quickly.
   */
  void startWaitingTrial(String trialId) {
    registry.add(VENDOR, LifecycleRegistry.TRIAL, trialId);
    TrialState state = TrialState.initial(VENDOR, trialId, settings.get(VENDOR));
    state.status = TrialStatus.TRIALING;
    state.customerId = "cus_1";
    state.startedBy = "evt_" + trialId;
    state.startedAt = Instant.now();
    state.changedAt = state.startedAt;
    state.trialEnd = TRIAL_END;
    WorkflowClient.start(workflows.newTrial(VENDOR, trialId, "cus_1")::run, state);
  }

  void startTrial(String trialId) {
    startTrial(trialId, new EntityUpdates(workflows, settings));
  }

  /** Stores new settings and runs their rollout to the end, as a settings change does. */
  LifecycleSettings change(Duration trialExpiringLead) {
    LifecycleSettings stored =
        settings.put(VENDOR, new LifecycleSettings(trialExpiringLead, Duration.ofHours(24)));
    env.getWorkflowClient()
        .newWorkflowStub(
            SettingsRolloutWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("settings/" + VENDOR + "/" + UUID.randomUUID())
                .setTaskQueue(TaskQueues.LIFECYCLE)
                .build())
        .rollOut(VENDOR, stored, null);
    return stored;
  }

  /** The lead the trial plans its trial.expiring with: how long before its end it warns. */
  Duration expiringLead(String trialId) {
    ScheduledEvent expiring =
        workflows.trial(VENDOR, trialId).view().scheduled().stream()
            .filter(e -> e.type().equals("trial.expiring"))
            .findFirst()
            .orElseThrow();
    return Duration.between(expiring.at(), TRIAL_END);
  }

  @Override
  public void close() {
    env.close();
  }

  /** Lifecycle activities whose events go nowhere and whose record reads find nothing. */
  private static LifecycleActivities unpublished() {
    return (LifecycleActivities)
        Proxy.newProxyInstance(
            LifecycleActivities.class.getClassLoader(),
            new Class<?>[] {LifecycleActivities.class},
            (proxy, method, args) -> null);
  }
}
