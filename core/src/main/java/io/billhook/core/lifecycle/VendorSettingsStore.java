package io.billhook.core.lifecycle;

import io.billhook.workflows.lifecycle.LifecycleSettings;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Vendors' lifecycle settings; a vendor that never set any gets the defaults. */
@Repository
public class VendorSettingsStore {
  private final JdbcClient jdbc;

  public VendorSettingsStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public LifecycleSettings get(String vendorId) {
    return jdbc.sql(
            "SELECT trial_expiring_lead_seconds, renewal_grace_seconds, version"
                + " FROM vendor_settings WHERE vendor_id = ?")
        .param(vendorId)
        .query(
            (rs, row) ->
                new LifecycleSettings(
                    Duration.ofSeconds(rs.getLong(1)),
                    Duration.ofSeconds(rs.getLong(2)),
                    rs.getLong(3)))
        .optional()
        .orElse(LifecycleSettings.DEFAULT);
  }

  /**
   * Stores the settings under a new version and returns them with it. They are kept in whole
   * seconds, so a fraction is refused here rather than silently dropped.
   */
  public LifecycleSettings put(String vendorId, LifecycleSettings settings) {
    if (settings.trialExpiringLead().getNano() != 0 || settings.renewalGrace().getNano() != 0) {
      throw new IllegalArgumentException("lifecycle settings are whole seconds");
    }
    long version =
        jdbc.sql(
                "INSERT INTO vendor_settings (vendor_id, trial_expiring_lead_seconds,"
                    + " renewal_grace_seconds, updated_at, version)"
                    + " VALUES (?, ?, ?, ?, nextval('settings_version'))"
                    + " ON CONFLICT (vendor_id) DO UPDATE SET"
                    + " trial_expiring_lead_seconds = EXCLUDED.trial_expiring_lead_seconds,"
                    + " renewal_grace_seconds = EXCLUDED.renewal_grace_seconds,"
                    + " updated_at = EXCLUDED.updated_at, version = EXCLUDED.version"
                    + " RETURNING version")
            .params(
                vendorId,
                settings.trialExpiringLead().toSeconds(),
                settings.renewalGrace().toSeconds(),
                Timestamp.from(Instant.now()))
            .query(Long.class)
            .single();
    return new LifecycleSettings(settings.trialExpiringLead(), settings.renewalGrace(), version);
  }
}
