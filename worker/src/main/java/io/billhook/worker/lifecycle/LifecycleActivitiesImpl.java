package io.billhook.worker.lifecycle;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billhook.worker.events.Envelope;
import io.billhook.worker.events.EventPublisher;
import io.billhook.workflows.lifecycle.GeneratedEvent;
import io.billhook.workflows.lifecycle.LifecycleActivities;
import io.billhook.workflows.lifecycle.ReportedEvent;
import org.springframework.stereotype.Component;

/** Publishes what a lifecycle timer produced, through the same signed fan-out as any event. */
@Component
public class LifecycleActivitiesImpl implements LifecycleActivities {
  private final EventPublisher publisher;

  public LifecycleActivitiesImpl(EventPublisher publisher) {
    this.publisher = publisher;
  }

  @Override
  public void emit(GeneratedEvent event) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    event.data().forEach(data::put);
    publisher.publish(
        event.vendorId(), Envelope.of(event.eventId(), event.type(), event.at(), data));
  }

  @Override
  public void publish(ReportedEvent event) {
    publisher.publish(
        event.vendorId(), new Envelope(event.id(), event.type(), event.timestamp(), event.body()));
  }
}
