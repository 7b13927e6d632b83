package io.billhook.worker.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.billhook.worker.delivery.RedactedUrl;
import io.billhook.worker.endpoints.Endpoint;
import io.billhook.worker.endpoints.EndpointStore;
import io.billhook.workflows.SearchAttributes;
import io.billhook.workflows.TaskQueues;
import io.billhook.workflows.delivery.DeliveryTarget;
import io.billhook.workflows.delivery.EventDeliveryInput;
import io.billhook.workflows.delivery.EventDeliveryWorkflow;
import io.billhook.workflows.delivery.RetrySchedule;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes.Builder;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Accepts an event for delivery: stores it with one pending delivery per subscribed endpoint, then
 * starts its delivery workflow. Once this returns, the event is durable in Temporal. Repeating a
 * publish with the same id changes nothing and returns the original.
 */
@Service
public class EventPublisher {
  private final EndpointStore endpoints;
  private final EventStore events;
  private final WorkflowClient temporal;
  private final RetrySchedule schedule;

  public EventPublisher(
      EndpointStore endpoints, EventStore events, WorkflowClient temporal, RetrySchedule schedule) {
    this.endpoints = endpoints;
    this.events = events;
    this.temporal = temporal;
    this.schedule = schedule;
  }

  /** The result of a publish: the envelope stored under this id, and whether it is new. */
  public record Published(Envelope envelope, boolean created) {}

  /** Fans out to every enabled endpoint of the vendor subscribed to the type. */
  public Published publish(String vendorId, Envelope envelope) {
    return publishTo(vendorId, envelope, endpoints.subscribedTo(vendorId, envelope.type()));
  }

  /** Delivers to the given endpoints only (the endpoint's test action). */
  public Published publishTo(String vendorId, Envelope envelope, List<Endpoint> recipients) {
    List<DeliveryTarget> targets =
        recipients.stream().map(e -> new DeliveryTarget(e.id(), e.url())).toList();
    boolean created = events.insert(vendorId, envelope, targets);
    Envelope stored =
        created ? envelope : events.find(vendorId, envelope.id()).orElseThrow().envelope();
    // Also on a repeat: a report whose first try stored the event but failed to start the
    // workflow must not be left undelivered.
    List<DeliveryTarget> storedTargets =
        created ? targets : events.deliveryTargets(vendorId, envelope.id());
    start(vendorId, stored, storedTargets);
    return new Published(stored, created);
  }

  /**
   * Like {@link #publish}, except that a repeat delivers only to the endpoints it has not reached
   * yet: a rebuilt lifecycle entity publishes again what it may already have delivered.
   */
  public Published publishOnce(String vendorId, Envelope envelope) {
    List<DeliveryTarget> targets =
        endpoints.subscribedTo(vendorId, envelope.type()).stream()
            .map(e -> new DeliveryTarget(e.id(), e.url()))
            .toList();
    if (events.insert(vendorId, envelope, targets)) {
      start(vendorId, envelope, targets);
      return new Published(envelope, true);
    }
    Envelope stored = events.find(vendorId, envelope.id()).orElseThrow().envelope();
    List<DeliveryTarget> pending = events.pendingTargets(vendorId, envelope.id());
    if (!pending.isEmpty()) {
      start(vendorId, stored, pending);
    }
    return new Published(stored, false);
  }

  private void start(String vendorId, Envelope envelope, List<DeliveryTarget> targets) {
    EventDeliveryWorkflow workflow =
        temporal.newWorkflowStub(EventDeliveryWorkflow.class, options(vendorId, envelope, targets));
    try {
      WorkflowClient.start(
          workflow::deliver,
          new EventDeliveryInput(
              vendorId,
              envelope.id(),
              envelope.type(),
              envelope.body(),
              redacted(targets),
              schedule.maxAttempts()));
    } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
      // The same event was accepted before: its workflow is already delivering it.
    }
  }

  private static List<DeliveryTarget> redacted(List<DeliveryTarget> targets) {
    return targets.stream()
        .map(t -> new DeliveryTarget(t.endpointId(), RedactedUrl.of(t.url())))
        .toList();
  }

  private static WorkflowOptions options(
      String vendorId, Envelope envelope, List<DeliveryTarget> targets) {
    Builder attributes =
        io.temporal.common.SearchAttributes.newBuilder()
            .set(SearchAttributes.VENDOR_ID, vendorId)
            .set(SearchAttributes.EVENT_TYPE, envelope.type());
    JsonNode data = envelope.data();
    if (data.path("subscriptionId").isTextual()) {
      attributes.set(SearchAttributes.SUBSCRIPTION_ID, data.get("subscriptionId").asText());
    }
    if (data.path("customerId").isTextual()) {
      attributes.set(SearchAttributes.CUSTOMER_ID, data.get("customerId").asText());
    }
    return WorkflowOptions.newBuilder()
        .setWorkflowId(EventDeliveryWorkflow.workflowId(vendorId, envelope.id()))
        .setTaskQueue(TaskQueues.BILLHOOK)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setTypedSearchAttributes(attributes.build())
        .setStaticSummary(
            envelope.type()
                + " for "
                + vendorId
                + " → "
                + targets.size()
                + (targets.size() == 1 ? " endpoint" : " endpoints"))
        // Eager start: when this process also runs a worker with a free slot, the server hands
        // the first workflow task back in the start response, and the first attempts (local
        // activities) run at once, with no trip through Temporal's task queue.
        .setDisableEagerExecution(false)
        .build();
  }
}
