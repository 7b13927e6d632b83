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
  private final LifecycleRegistry registry;
  private final LifecycleReportStore reports;
  private final EntityEnds ends;

  LifecycleViews(
      LifecycleWorkflows workflows,
      LifecycleRegistry registry,
      LifecycleReportStore reports,
      EntityEnds ends) {
    this.workflows = workflows;
    this.registry = registry;
    this.reports = reports;
    this.ends = ends;
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
      if (!registry.contains(vendorId, kind, id)) {
        throw new LifecycleNotFoundException("no " + name + " for vendor " + vendorId);
      }
      if (ends.ended(vendorId, kind, id)) {
        throw new LifecycleNotFoundException(
            name + " has ended and its history is no longer retained");
      }
      if (reports.creation(vendorId, kind, id).isPresent()) {
        throw new LifecycleLostException(
            name + " is being rebuilt from its stored reports; retry in a minute", true);
      }
      throw new LifecycleLostException(
          name
              + " is recorded but its lifecycle state was lost and cannot be rebuilt from stored"
              + " reports; an operator has to restore it",
          false);
    }
  }
}
