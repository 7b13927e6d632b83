package io.billhook.api.lifecycle;

import static io.billhook.api.VendorIds.require;

import io.billhook.api.problems.ApiException;
import io.billhook.worker.lifecycle.LifecycleViews;
import io.billhook.worker.lifecycle.VendorSettingsStore;
import io.billhook.workflows.TaskQueues;
import io.billhook.workflows.lifecycle.LifecycleSettings;
import io.billhook.workflows.lifecycle.SettingsRolloutWorkflow;
import io.billhook.workflows.lifecycle.SubscriptionView;
import io.billhook.workflows.lifecycle.TrialView;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Lifecycle state (read from the entity workflows) and the vendor's timing settings. */
@RestController
class LifecycleController {
  private final WorkflowClient temporal;
  private final VendorSettingsStore settings;
  private final LifecycleViews views;

  LifecycleController(WorkflowClient temporal, VendorSettingsStore settings, LifecycleViews views) {
    this.temporal = temporal;
    this.settings = settings;
    this.views = views;
  }

  @GetMapping("/v1/vendors/{vendorId}/subscriptions/{subscriptionId}")
  SubscriptionView subscription(
      @PathVariable String vendorId, @PathVariable String subscriptionId) {
    return views.subscription(require(vendorId), subscriptionId);
  }

  @GetMapping("/v1/vendors/{vendorId}/trials/{trialId}")
  TrialView trial(@PathVariable String vendorId, @PathVariable String trialId) {
    return views.trial(require(vendorId), trialId);
  }

  /** ISO-8601 durations; seconds are allowed so demos and tests can use PT10S. */
  record SettingsBody(String trialExpiringLead, String renewalGrace) {
    static SettingsBody of(LifecycleSettings s) {
      return new SettingsBody(s.trialExpiringLead().toString(), s.renewalGrace().toString());
    }
  }

  @GetMapping("/v1/vendors/{vendorId}/settings")
  SettingsBody settings(@PathVariable String vendorId) {
    return SettingsBody.of(settings.get(require(vendorId)));
  }

  /** Stores the settings, then re-plans the timers of every running trial and subscription. */
  @PutMapping("/v1/vendors/{vendorId}/settings")
  SettingsBody putSettings(
      @PathVariable String vendorId, @RequestBody(required = false) SettingsBody body) {
    if (body == null) {
      throw ApiException.badRequest(
          "request body is required: a JSON object with trialExpiringLead and/or renewalGrace"
              + " (ISO-8601 durations such as PT72H)");
    }
    LifecycleSettings current = settings.get(require(vendorId));
    LifecycleSettings requested =
        new LifecycleSettings(
            SettingsRules.duration(
                "trialExpiringLead", body.trialExpiringLead(), current.trialExpiringLead()),
            SettingsRules.duration("renewalGrace", body.renewalGrace(), current.renewalGrace()));
    LifecycleSettings updated = settings.put(vendorId, requested);
    WorkflowClient.start(
        temporal.newWorkflowStub(
                SettingsRolloutWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId("settings/" + vendorId + "/" + UUID.randomUUID())
                    .setTaskQueue(TaskQueues.BILLHOOK)
                    .setStaticSummary("roll out " + vendorId + "'s lifecycle settings")
                    .build())
            ::rollOut,
        vendorId,
        updated);
    return SettingsBody.of(updated);
  }
}
