package io.billhook.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.billhook.core.chat.ChatUrls;
import io.billhook.core.delivery.RedactedUrl;
import io.billhook.core.endpoints.Endpoint;
import io.billhook.core.endpoints.EndpointStore;
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
import io.temporal.client.WorkflowStub;
import io.temporal.common.Priority;
import io.temporal.common.SearchAttributes.Builder;
import io.temporal.common.metadata.POJOWorkflowInterfaceMetadata;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Accepts an event for delivery: stores it with one pending delivery per subscribed endpoint, then
 * starts its delivery workflow with the event's ids only (its attempts read the envelope from
 * PostgreSQL through {@link StoredBodies}), so no customer data sits in Temporal's history. Once
 * this returns, the event is durable in PostgreSQL (the record) and its workflow in Temporal.
 * Repeating a publish with the same id returns the original and sends nothing already delivered.
 */
@Service
public class EventPublisher {
  /** The sending of a delivery just stored (its series column's default). */
  private static final int FIRST_SERIES = 1;

  /** The workflow type {@link EventDeliveryWorkflow#deliver} starts. */
  private static final String DELIVERY_WORKFLOW =
      POJOWorkflowInterfaceMetadata.newInstance(EventDeliveryWorkflow.class)
          .getWorkflowMethod()
          .orElseThrow()
          .getName();

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
    return publish(vendorId, envelope, envelope.data());
  }

  /** As {@link #publish(String, Envelope)}, given the envelope's {@code data} already parsed. */
  public Published publish(String vendorId, Envelope envelope, JsonNode data) {
    List<DeliveryTarget> targets =
        endpoints.subscribedTo(vendorId, envelope.type()).stream()
            .map(e -> target(e.id(), e.url()))
            .toList();
    return publishTo(vendorId, envelope, data, targets);
  }

  /** Delivers to the given endpoints only (the endpoint's test action). */
  public Published publishTo(String vendorId, Envelope envelope, List<Endpoint> recipients) {
    return publishTo(
        vendorId,
        envelope,
        envelope.data(),
        recipients.stream().map(e -> target(e.id(), e.url())).toList());
  }

  private static DeliveryTarget target(String endpointId, String url) {
    return new DeliveryTarget(endpointId, ChatUrls.masked(url), FIRST_SERIES);
  }

  private Published publishTo(
      String vendorId, Envelope envelope, JsonNode data, List<DeliveryTarget> targets) {
    boolean created = events.insert(vendorId, envelope, targets);
    if (!created) {
      // A repeat: PostgreSQL decided it was accepted before. Only what is still pending is
      // driven (the first try may have stored it and stopped before starting its workflow).
      resume(vendorId, envelope.id());
      return new Published(events.find(vendorId, envelope.id()).orElseThrow().envelope(), false);
    }
    start(
        vendorId,
        envelope,
        data,
        targets,
        WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE);
    return new Published(envelope, true);
  }

  /**
   * Drives the event's deliveries that are still pending in PostgreSQL, unless its workflow is
   * running: a new run when Temporal does not know the event (it lost its state) or its run has
   * closed. Deliveries that succeeded or failed for good are not sent again.
   *
   * @return whether a new run was started
   */
  public boolean resume(String vendorId, String eventId) {
    Optional<Envelope> stored = events.find(vendorId, eventId).map(e -> e.envelope());
    List<DeliveryTarget> pending = events.pendingTargets(vendorId, eventId);
    if (stored.isEmpty() || pending.isEmpty()) {
      return false;
    }
    return start(
        vendorId,
        stored.get(),
        stored.get().data(),
        pending,
        WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE);
  }

  private boolean start(
      String vendorId,
      Envelope envelope,
      JsonNode data,
      List<DeliveryTarget> targets,
      WorkflowIdReusePolicy reuse) {
    // Untyped: a typed stub reads the workflow interface by reflection anew for every event.
    WorkflowStub workflow =
        temporal.newUntypedWorkflowStub(
            DELIVERY_WORKFLOW, options(vendorId, envelope, data, targets, reuse));
    try {
      workflow.start(
          new EventDeliveryInput(
              vendorId,
              envelope.id(),
              envelope.type(),
              null,
              redacted(targets),
              schedule.maxAttempts()));
      return true;
    } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
      // Its workflow is already delivering it (or, for a new event, has already delivered it).
      return false;
    }
  }

  private static List<DeliveryTarget> redacted(List<DeliveryTarget> targets) {
    return targets.stream()
        .map(t -> new DeliveryTarget(t.endpointId(), RedactedUrl.of(t.url()), t.series()))
        .toList();
  }

  /**
   * The data field's value when it is an id: only lifecycle reports have their ids checked, and
   * anything else in a search attribute (an address, a name, a long text) would sit in Temporal in
   * clear and could exceed its size limit, failing the start.
   */
  private static Optional<String> idIn(JsonNode data, String field) {
    JsonNode value = data.path(field);
    return value.isTextual() && ReportParser.ENTITY_ID.matcher(value.asText()).matches()
        ? Optional.of(value.asText())
        : Optional.empty();
  }

  private static WorkflowOptions options(
      String vendorId,
      Envelope envelope,
      JsonNode data,
      List<DeliveryTarget> targets,
      WorkflowIdReusePolicy reuse) {
    Builder attributes =
        io.temporal.common.SearchAttributes.newBuilder()
            .set(SearchAttributes.VENDOR_ID, vendorId)
            .set(SearchAttributes.EVENT_TYPE, envelope.type());
    idIn(data, "subscriptionId")
        .ifPresent(id -> attributes.set(SearchAttributes.SUBSCRIPTION_ID, id));
    idIn(data, "customerId").ifPresent(id -> attributes.set(SearchAttributes.CUSTOMER_ID, id));
    return WorkflowOptions.newBuilder()
        .setWorkflowId(EventDeliveryWorkflow.workflowId(vendorId, envelope.id()))
        .setTaskQueue(TaskQueues.BILLHOOK)
        .setWorkflowIdReusePolicy(reuse)
        // One fairness key per vendor (ids fit its 64 bytes): where the server dispatches fairly,
        // a vendor's backlog of deliveries does not hold up another's.
        .setPriority(Priority.newBuilder().setFairnessKey(vendorId).build())
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
