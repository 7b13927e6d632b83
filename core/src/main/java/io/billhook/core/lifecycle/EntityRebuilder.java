package io.billhook.core.lifecycle;

import io.billhook.core.events.EventPublisher;
import io.billhook.workflows.lifecycle.EntityReplay;
import io.billhook.workflows.lifecycle.EntityReplay.Accepted;
import io.billhook.workflows.lifecycle.EntityReplay.Rebuilt;
import io.billhook.workflows.lifecycle.SubscriptionState;
import io.billhook.workflows.lifecycle.TrialConversion;
import io.billhook.workflows.lifecycle.TrialState;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.workflow.Functions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Rebuilds a trial's or subscription's workflow that Temporal lost, from its stored reports in the
 * order they were accepted: publishes any of them not yet delivered (once: event ids are the
 * record's), then starts the workflow with the rebuilt state, whose clock carries on at the planned
 * times; generated events keep their deterministic ids, so what went out is not sent again.
 */
@Component
public class EntityRebuilder {
  private final LifecycleReportStore reports;
  private final LifecycleWorkflows workflows;
  private final VendorSettingsStore settings;
  private final EventPublisher publisher;
  private final TrialConversions conversions;

  public EntityRebuilder(
      LifecycleReportStore reports,
      LifecycleWorkflows workflows,
      VendorSettingsStore settings,
      EventPublisher publisher,
      TrialConversions conversions) {
    this.reports = reports;
    this.workflows = workflows;
    this.settings = settings;
    this.publisher = publisher;
    this.conversions = conversions;
  }

  /**
   * Returns the ids of the stored reports the rebuilt entity applied; empty (changing nothing) if
   * no report that created it is stored.
   */
  Set<String> rebuild(String vendorId, String kind, String entityId) {
    Optional<LifecycleReport> creation = reports.creation(vendorId, kind, entityId);
    if (creation.isEmpty()) {
      return Set.of();
    }
    return LifecycleRegistry.TRIAL.equals(kind)
        ? trial(creation.get())
        : subscription(creation.get());
  }

  private Set<String> trial(LifecycleReport started) {
    String vendorId = started.vendorId();
    String trialId = started.entityId();
    Accepted<TrialConversion> conversion =
        reports
            .conversion(vendorId, trialId)
            .map(
                c -> new Accepted<>(new TrialConversion(c.eventId(), c.entityId()), c.acceptedAt()))
            .orElse(null);
    Rebuilt<TrialState> rebuilt =
        EntityReplay.trial(
            TrialState.initial(vendorId, trialId, settings.get(vendorId)),
            new Accepted<>(started.trialStarted(), started.acceptedAt()),
            conversion);
    publish(List.of(started), rebuilt);
    start(workflows.newTrial(vendorId, trialId, started.customerId())::run, rebuilt.state());
    return new LinkedHashSet<>(rebuilt.appliedEventIds());
  }

  private Set<String> subscription(LifecycleReport created) {
    String vendorId = created.vendorId();
    String subscriptionId = created.entityId();
    List<LifecycleReport> stored =
        reports.reportsOf(vendorId, LifecycleRegistry.SUBSCRIPTION, subscriptionId);
    Rebuilt<SubscriptionState> rebuilt =
        EntityReplay.subscription(
            SubscriptionState.initial(vendorId, subscriptionId, settings.get(vendorId)),
            stored.stream()
                .map(r -> new Accepted<>(r.subscriptionReport(), r.acceptedAt()))
                .toList());
    publish(stored, rebuilt);
    start(
        workflows.newSubscription(vendorId, subscriptionId, rebuilt.state().customerId)::run,
        rebuilt.state());
    if (created.trialId() != null) {
      conversions.convert(
          vendorId, created.trialId(), new TrialConversion(created.eventId(), subscriptionId));
    }
    return new LinkedHashSet<>(rebuilt.appliedEventIds());
  }

  /** Publishes, in order, the stored reports the rebuilt state applied. */
  private void publish(List<LifecycleReport> stored, Rebuilt<?> rebuilt) {
    for (LifecycleReport report : stored) {
      if (rebuilt.appliedEventIds().contains(report.eventId())) {
        publisher.publish(report.vendorId(), report.envelope());
      }
    }
  }

  private static <S> void start(Functions.Proc1<S> run, S state) {
    try {
      WorkflowClient.start(run, state);
    } catch (WorkflowExecutionAlreadyStarted alreadyThere) {
      // Rebuilt meanwhile (by a repeat of one of its reports, or another reconciler run).
    }
  }
}
