package io.billhook.core.lifecycle;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billhook.core.events.Envelope;
import io.billhook.core.events.EventPublisher;
import io.billhook.core.metrics.TimerLateness;
import io.billhook.workflows.lifecycle.GeneratedEvent;
import io.billhook.workflows.lifecycle.LifecycleActivities;
import io.billhook.workflows.lifecycle.ReportedEvent;
import io.billhook.workflows.lifecycle.SubscriptionReport;
import io.billhook.workflows.lifecycle.TrialConversion;
import io.billhook.workflows.lifecycle.TrialStarted;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Publishes what a lifecycle workflow applied or produced, through the same signed fan-out as any
 * event; an event already stored is not delivered again where it was delivered (a rebuilt entity
 * re-emits it under the same id).
 */
@Component
public class LifecycleActivitiesImpl implements LifecycleActivities {
  private final EventPublisher publisher;
  private final TrialConversions conversions;
  private final LifecycleReportStore reports;
  private TimerLateness lateness;

  public LifecycleActivitiesImpl(
      EventPublisher publisher, TrialConversions conversions, LifecycleReportStore reports) {
    this.publisher = publisher;
    this.conversions = conversions;
    this.reports = reports;
  }

  /** Measures how late each timer fires (optional: the tests that build this class go without). */
  @Autowired
  public void measureLatenessWith(TimerLateness lateness) {
    this.lateness = lateness;
  }

  @Override
  public void emit(GeneratedEvent event) {
    if (lateness != null) {
      lateness.published(event.at());
    }
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    event.data().forEach(data::put);
    publisher.publish(
        event.vendorId(), Envelope.of(event.eventId(), event.type(), event.at(), data));
  }

  @Override
  public void publish(ReportedEvent event) {
    publisher.publish(event.vendorId(), ReportedEnvelopes.of(event, reports));
  }

  @Override
  public void convertTrial(String vendorId, String trialId, TrialConversion conversion) {
    conversions.convert(vendorId, trialId, conversion);
  }

  @Override
  public TrialStarted storedTrialStart(String vendorId, String trialId) {
    return stored(vendorId, LifecycleRegistry.TRIAL, trialId, LifecycleReport::trialStarted);
  }

  @Override
  public SubscriptionReport storedSubscriptionCreation(String vendorId, String subscriptionId) {
    return stored(
        vendorId,
        LifecycleRegistry.SUBSCRIPTION,
        subscriptionId,
        LifecycleReport::subscriptionReport);
  }

  /** The stored report that created the entity, as its workflow takes it; null if none. */
  private <T> T stored(
      String vendorId, String kind, String entityId, Function<LifecycleReport, T> as) {
    return reports.creation(vendorId, kind, entityId).map(as).orElse(null);
  }
}
