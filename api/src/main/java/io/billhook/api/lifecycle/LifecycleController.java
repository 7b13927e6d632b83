package io.billhook.api.lifecycle;

import static io.billhook.core.ids.VendorIds.require;

import io.billhook.core.lifecycle.LifecycleViews;
import io.billhook.workflows.lifecycle.SubscriptionView;
import io.billhook.workflows.lifecycle.TrialView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Lifecycle state, read from the entity workflows. */
@RestController
class LifecycleController {
  private final LifecycleViews views;

  LifecycleController(LifecycleViews views) {
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
}
