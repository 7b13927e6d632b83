package io.billhook.core.lifecycle;

import io.billhook.core.refusals.Refusal;
import io.billhook.workflows.lifecycle.SubscriptionView;
import io.billhook.workflows.lifecycle.TrialView;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/**
 * Reads a trial's or subscription's state from its workflow. One that PostgreSQL records but
 * Temporal does not know is reported as lost (being rebuilt, or not rebuildable), never as unknown.
 */
@Service
public class LifecycleViews {
  private final LifecycleWorkflows workflows;
  private final EntityRecord record;

  LifecycleViews(LifecycleWorkflows workflows, EntityRecord record) {
    this.workflows = workflows;
    this.record = record;
  }

  public SubscriptionView subscription(String vendorId, String id) {
    return read(
        vendorId, LifecycleRegistry.SUBSCRIPTION, id, workflows.subscription(vendorId, id)::view);
  }

  public TrialView trial(String vendorId, String id) {
    return read(vendorId, LifecycleRegistry.TRIAL, id, workflows.trial(vendorId, id)::view);
  }

  private <V> V read(String vendorId, String kind, String id, Supplier<V> view) {
    try {
      return view.get();
    } catch (WorkflowServiceException e) {
      throw Refusal.temporalUnavailable(e);
    } catch (WorkflowNotFoundException e) {
      String name = kind + " " + id;
      if (!record.registered(vendorId, kind, id)) {
        throw new LifecycleNotFoundException("no " + name + " for vendor " + vendorId);
      }
      if (record.ended(vendorId, kind, id)) {
        throw new LifecycleNotFoundException(
            name + " has ended and its history is no longer retained");
      }
      if (record.creationStored(vendorId, kind, id)) {
        throw new Refusal(
            Refusal.Kind.UNAVAILABLE,
            name + " is being rebuilt from its stored reports; retry in a minute");
      }
      throw new Refusal(
          Refusal.Kind.LOST,
          name
              + " is recorded but its lifecycle state was lost and cannot be rebuilt from stored"
              + " reports; an operator has to restore it");
    }
  }
}
