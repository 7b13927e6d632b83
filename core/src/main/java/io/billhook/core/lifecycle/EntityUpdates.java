package io.billhook.core.lifecycle;

import io.billhook.workflows.events.EventType;
import io.billhook.workflows.lifecycle.LifecycleSettings;
import io.billhook.workflows.lifecycle.SubscriptionLifecycleWorkflow;
import io.billhook.workflows.lifecycle.SubscriptionReport;
import io.billhook.workflows.lifecycle.SubscriptionState;
import io.billhook.workflows.lifecycle.SubscriptionView;
import io.billhook.workflows.lifecycle.TrialLifecycleWorkflow;
import io.billhook.workflows.lifecycle.TrialState;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Functions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Applies one stored report to its entity's workflow through a Temporal update, whose id is the
 * event id (so a repeat applies once). The update's validator refuses a report that contradicts the
 * entity; once accepted, the report is durable in the workflow, which also publishes it (and
 * converts the trial it names) before anything its clock produces in response.
 */
@Component
class EntityUpdates {
  /** How long a report waits for its update to finish; past it the workflow finishes it. */
  static final Duration WAIT = Duration.ofSeconds(10);

  private final LifecycleWorkflows workflows;
  private final VendorSettingsStore settings;

  EntityUpdates(LifecycleWorkflows workflows, VendorSettingsStore settings) {
    this.workflows = workflows;
    this.settings = settings;
  }

  /**
   * Returns once the report is applied (or accepted and still finishing); throws {@link
   * LifecycleConflictException} if refused, {@link WorkflowNotFoundException} if the entity's
   * workflow is not running (a report that creates nothing).
   */
  void apply(LifecycleReport r) {
    String vendorId = r.vendorId();
    String id = r.entityId();
    if (r.type() == EventType.TRIAL_STARTED) {
      TrialLifecycleWorkflow trial = workflows.newTrial(vendorId, id, r.customerId());
      LifecycleSettings read = settings.get(vendorId);
      refusing(
          () ->
              WorkflowClient.startUpdateWithStart(
                  trial::start,
                  r.trialStarted(),
                  options(r),
                  new WithStartWorkflowOperation<>(
                      trial::run, TrialState.initial(vendorId, id, read))),
          "trial " + id + " has ended; a new trial needs a new trialId");
      catchUp(vendorId, read, workflows.trial(vendorId, id)::changeSettings);
    } else if (r.type() == EventType.SUBSCRIPTION_CREATED) {
      SubscriptionLifecycleWorkflow subscription =
          workflows.newSubscription(vendorId, id, r.customerId());
      LifecycleSettings read = settings.get(vendorId);
      refusing(
          () ->
              WorkflowClient.startUpdateWithStart(
                  subscription::report,
                  r.subscriptionReport(),
                  options(r),
                  new WithStartWorkflowOperation<>(
                      subscription::run, SubscriptionState.initial(vendorId, id, read))),
          endedSubscription(id));
      catchUp(vendorId, read, workflows.subscription(vendorId, id)::changeSettings);
    } else {
      Functions.Func1<SubscriptionReport, SubscriptionView> report =
          workflows.subscription(vendorId, id)::report;
      refusing(
          () -> WorkflowClient.startUpdate(report, r.subscriptionReport(), options(r)),
          expiredSubscription(id));
    }
  }

  /**
   * A new entity starts with the settings read before its workflow existed, so a rollout that ran
   * in between found nothing to signal. Read them again now that it exists and signal them if they
   * are newer. A change stored after this read starts its rollout after it too, and that rollout
   * finds the entity: it was registered when its report was claimed, before any of this.
   */
  private void catchUp(
      String vendorId, LifecycleSettings started, Consumer<LifecycleSettings> changeSettings) {
    LifecycleSettings now = settings.get(vendorId);
    if (now.supersedes(started)) {
      try {
        changeSettings.accept(now);
      } catch (WorkflowNotFoundException ended) {
        // Its life is already over: nothing left to re-plan.
      }
    }
  }

  static String endedSubscription(String subscriptionId) {
    return "subscription "
        + subscriptionId
        + " has ended; a new subscription needs a new subscriptionId";
  }

  static String expiredSubscription(String subscriptionId) {
    return "subscription "
        + subscriptionId
        + " has expired; a new subscription needs a new subscriptionId";
  }

  private static <R> UpdateOptions<R> options(LifecycleReport r) {
    return UpdateOptions.<R>newBuilder()
        .setUpdateId(r.eventId())
        .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
        .build();
  }

  /** Starts the update and waits a while for its result, mapping refusals to conflicts. */
  private static void refusing(Supplier<WorkflowUpdateHandle<?>> start, String whenEnded) {
    try {
      start.get().getResult(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (WorkflowExecutionAlreadyStarted ended) {
      throw new LifecycleConflictException(whenEnded);
    } catch (WorkflowUpdateTimeoutOrCancelledException stillRunning) {
      // Accepted: the workflow finishes applying it (a publish or conversion is retrying).
    } catch (WorkflowUpdateException e) {
      // Only the validators refuse updates (the handlers apply any report they let through).
      // The SDK re-wraps a validator's failure, so its LifecycleConflict type does not survive.
      if (e.getCause() instanceof ApplicationFailure failure) {
        throw new LifecycleConflictException(failure.getOriginalMessage());
      }
      throw e;
    }
  }
}
