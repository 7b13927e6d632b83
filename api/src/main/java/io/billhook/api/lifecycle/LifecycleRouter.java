package io.billhook.api.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.billhook.api.problems.ApiException;
import io.billhook.worker.events.Envelope;
import io.billhook.worker.lifecycle.LifecycleRegistry;
import io.billhook.worker.lifecycle.VendorSettingsStore;
import io.billhook.workflows.events.EventType;
import io.billhook.workflows.lifecycle.ReportedEvent;
import io.billhook.workflows.lifecycle.SubscriptionLifecycleWorkflow;
import io.billhook.workflows.lifecycle.SubscriptionReport;
import io.billhook.workflows.lifecycle.SubscriptionState;
import io.billhook.workflows.lifecycle.TrialConversion;
import io.billhook.workflows.lifecycle.TrialLifecycleWorkflow;
import io.billhook.workflows.lifecycle.TrialStarted;
import io.billhook.workflows.lifecycle.TrialState;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Lifecycle reports also drive their entity's workflow, through a Temporal update: the update's
 * validator refuses a report that contradicts the entity (409) before anything is written, and the
 * report is applied, in the order reported, before the API answers.
 */
@Component
public class LifecycleRouter {
  private static final String[] PASS_THROUGH = {"productId", "planId"};

  private final WorkflowClient temporal;
  private final LifecycleRegistry registry;
  private final VendorSettingsStore settings;
  private final LifecycleWorkflows workflows;

  LifecycleRouter(
      WorkflowClient temporal,
      LifecycleRegistry registry,
      VendorSettingsStore settings,
      LifecycleWorkflows workflows) {
    this.temporal = temporal;
    this.registry = registry;
    this.settings = settings;
    this.workflows = workflows;
  }

  /** Whether reports of this type drive an entity (and are published by it). */
  public static boolean drives(EventType type) {
    return switch (type) {
      case TRIAL_STARTED,
          SUBSCRIPTION_CREATED,
          SUBSCRIPTION_RENEWED,
          SUBSCRIPTION_CANCELLED,
          SUBSCRIPTION_SUSPENDED ->
          true;
      default -> false;
    };
  }

  /**
   * Applies the report to its trial or subscription, whose workflow also publishes it, before
   * anything its clock produces in response. Returns when both are durable. {@code instants} are
   * the data times, as the report's validation parsed them: those the type requires, and
   * currentPeriodEnd on cancelled and suspended if it was sent (if not, the update carries null).
   */
  public void apply(
      String vendorId,
      Envelope envelope,
      EventType type,
      JsonNode data,
      Map<String, Instant> instants) {
    String eventId = envelope.id();
    ReportedEvent event =
        new ReportedEvent(
            vendorId, envelope.id(), envelope.type(), envelope.timestamp(), envelope.body());
    try {
      switch (type) {
        case TRIAL_STARTED -> startTrial(vendorId, event, data, instants.get("trialEnd"));
        case SUBSCRIPTION_CREATED -> {
          report(vendorId, event, type, data, instants, true);
          if (data.path("trialId").isTextual()) {
            convertTrial(vendorId, eventId, data);
          }
        }
        case SUBSCRIPTION_RENEWED, SUBSCRIPTION_CANCELLED, SUBSCRIPTION_SUSPENDED ->
            report(vendorId, event, type, data, instants, false);
        default -> {}
      }
    } catch (WorkflowUpdateException e) {
      // Only the validators refuse updates (the handlers apply any report they let through).
      // The SDK re-wraps a validator's failure, so its LifecycleConflict type does not survive.
      if (e.getCause() instanceof ApplicationFailure failure) {
        throw ApiException.conflict(failure.getOriginalMessage());
      }
      throw e;
    }
  }

  private void startTrial(String vendorId, ReportedEvent event, JsonNode data, Instant trialEnd) {
    String eventId = event.id();
    String trialId = data.get("trialId").asText();
    registry.add(vendorId, LifecycleRegistry.TRIAL, trialId);
    TrialLifecycleWorkflow trial =
        workflows.newTrial(vendorId, trialId, data.get("customerId").asText());
    TrialStarted started =
        new TrialStarted(eventId, data.get("customerId").asText(), trialEnd, details(data), event);
    try {
      WorkflowClient.executeUpdateWithStart(
          trial::start,
          started,
          UpdateOptions.<Object>newBuilder()
              .setUpdateId(eventId)
              .setWaitForStage(WorkflowUpdateStage.COMPLETED)
              .build(),
          new WithStartWorkflowOperation<>(
              trial::run, TrialState.initial(vendorId, trialId, settings.get(vendorId))));
    } catch (WorkflowExecutionAlreadyStarted ended) {
      throw ApiException.conflict("trial " + trialId + " has already ended; trials start once");
    }
  }

  private void convertTrial(String vendorId, String eventId, JsonNode data) {
    String trialId = data.get("trialId").asText();
    try {
      temporal
          .newWorkflowStub(
              TrialLifecycleWorkflow.class, TrialLifecycleWorkflow.workflowId(vendorId, trialId))
          .convert(new TrialConversion(eventId, data.get("subscriptionId").asText()));
    } catch (WorkflowNotFoundException noRunningTrial) {
      // Never started, or already over: the subscription stands on its own.
    }
  }

  private void report(
      String vendorId,
      ReportedEvent event,
      EventType type,
      JsonNode data,
      Map<String, Instant> instants,
      boolean creates) {
    String eventId = event.id();
    String subscriptionId = data.get("subscriptionId").asText();
    SubscriptionReport report =
        new SubscriptionReport(
            eventId,
            type.wireName(),
            data.path("customerId").isTextual() ? data.get("customerId").asText() : null,
            instants.get("currentPeriodEnd"),
            data.path("cancelAtPeriodEnd").asBoolean(true),
            details(data),
            event);
    UpdateOptions<Object> options =
        UpdateOptions.<Object>newBuilder()
            .setUpdateId(eventId)
            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
            .build();
    if (creates) {
      registry.add(vendorId, LifecycleRegistry.SUBSCRIPTION, subscriptionId);
      SubscriptionLifecycleWorkflow subscription =
          workflows.newSubscription(vendorId, subscriptionId, report.customerId());
      try {
        WorkflowClient.executeUpdateWithStart(
            subscription::report,
            report,
            options,
            new WithStartWorkflowOperation<>(
                subscription::run,
                SubscriptionState.initial(vendorId, subscriptionId, settings.get(vendorId))));
      } catch (WorkflowExecutionAlreadyStarted ended) {
        throw ApiException.conflict(
            "subscription " + subscriptionId + " has expired; use a new subscriptionId");
      }
      return;
    }
    try {
      temporal
          .newWorkflowStub(
              SubscriptionLifecycleWorkflow.class,
              SubscriptionLifecycleWorkflow.workflowId(vendorId, subscriptionId))
          .report(report);
    } catch (WorkflowNotFoundException e) {
      throw workflows.exists(SubscriptionLifecycleWorkflow.workflowId(vendorId, subscriptionId))
          ? ApiException.conflict("subscription " + subscriptionId + " has expired")
          : ApiException.notFound(
              "subscription "
                  + subscriptionId
                  + " is not known; report subscription.created first");
    }
  }

  private static Map<String, String> details(JsonNode data) {
    Map<String, String> details = new TreeMap<>();
    for (String field : PASS_THROUGH) {
      if (data.path(field).isTextual()) {
        details.put(field, data.get(field).asText());
      }
    }
    return details;
  }
}
