package io.billhook.api.lifecycle;

import static io.billhook.core.ids.VendorIds.require;

import io.billhook.api.RequiredBody;
import io.billhook.core.lifecycle.SettingsChanges;
import io.billhook.workflows.lifecycle.LifecycleSettings;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The vendor's lifecycle timing settings. */
@RestController
class SettingsController {
  private final SettingsChanges settings;

  SettingsController(SettingsChanges settings) {
    this.settings = settings;
  }

  /** ISO-8601 durations; seconds are allowed so demos and tests can use PT10S. */
  record SettingsBody(String trialExpiringLead, String renewalGrace) {
    static SettingsBody of(LifecycleSettings s) {
      return new SettingsBody(s.trialExpiringLead().toString(), s.renewalGrace().toString());
    }
  }

  @GetMapping("/v1/vendors/{vendorId}/settings")
  SettingsBody settings(@PathVariable String vendorId) {
    return SettingsBody.of(settings.current(require(vendorId)));
  }

  /** Stores the settings, then re-plans the timers of every running trial and subscription. */
  @PutMapping("/v1/vendors/{vendorId}/settings")
  SettingsBody putSettings(
      @PathVariable String vendorId, @RequestBody(required = false) SettingsBody body) {
    SettingsBody wanted =
        RequiredBody.of(
            body,
            "a JSON object with trialExpiringLead and/or renewalGrace (ISO-8601 durations such"
                + " as PT72H)");
    return SettingsBody.of(
        settings.change(require(vendorId), wanted.trialExpiringLead(), wanted.renewalGrace()));
  }
}
