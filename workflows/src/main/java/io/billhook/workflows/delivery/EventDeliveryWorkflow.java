package io.billhook.workflows.delivery;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/** Delivers one event to every endpoint subscribed to it, in parallel, until each lands. */
@WorkflowInterface
public interface EventDeliveryWorkflow {

  /**
   * Workflow ids read like {@code event/<vendor>/<eventId>}: a repeated report is not redelivered.
   */
  static String workflowId(String vendorId, String eventId) {
    return "event/" + vendorId + "/" + eventId;
  }

  @WorkflowMethod
  List<DeliveryResult> deliver(EventDeliveryInput input);
}
