package io.billhook.core.lifecycle;

import static io.billhook.core.lifecycle.RolloutHarness.VENDOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.workflows.events.EventType;
import io.billhook.workflows.lifecycle.GeneratedEventIds;
import io.billhook.workflows.lifecycle.LifecycleSettings;
import io.billhook.workflows.lifecycle.RolloutCursor;
import io.billhook.workflows.lifecycle.RolloutPage;
import io.billhook.workflows.lifecycle.SettingsRolloutActivities;
import io.temporal.testing.TestActivityEnvironment;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SettingsRolloutTest {
  private static final Duration DEFAULT_LEAD = LifecycleSettings.DEFAULT.trialExpiringLead();
  private static final Duration NEW_LEAD = Duration.ofHours(24);

  private final RolloutHarness harness = new RolloutHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void reachesEveryRunningTrialAndNoEndedOne() {
    harness.startTrial("tr_1");
    harness.startTrial("tr_2");
    harness.startTrial("tr_ended");
    endInTheRecord("tr_ended");
    harness.registry.add(VENDOR, LifecycleRegistry.TRIAL, "tr_never_started");

    harness.change(NEW_LEAD);

    assertThat(harness.expiringLead("tr_1")).isEqualTo(NEW_LEAD);
    assertThat(harness.expiringLead("tr_2")).isEqualTo(NEW_LEAD);
    assertThat(harness.expiringLead("tr_ended")).isEqualTo(DEFAULT_LEAD);
  }

  @Test
  void aRetriedPageResumesAfterTheLastTrialItSignalled() {
    harness.startTrial("tr_1");
    harness.startTrial("tr_2");
    harness.startTrial("tr_3");
    LifecycleSettings newer =
        harness.settings.put(VENDOR, new LifecycleSettings(NEW_LEAD, Duration.ofHours(24)));
    TestActivityEnvironment activities = TestActivityEnvironment.newInstance();
    activities.registerActivitiesImplementations(harness.rollout);
    activities.setHeartbeatDetails(new RolloutPage(1, new RolloutCursor("trial", "tr_1")));

    RolloutPage page =
        activities
            .newActivityStub(SettingsRolloutActivities.class)
            .signalPage(VENDOR, newer, RolloutCursor.START);
    activities.close();

    assertThat(page).isEqualTo(new RolloutPage(3, null));
    assertThat(harness.expiringLead("tr_1")).isEqualTo(DEFAULT_LEAD);
    assertThat(harness.expiringLead("tr_2")).isEqualTo(NEW_LEAD);
    assertThat(harness.expiringLead("tr_3")).isEqualTo(NEW_LEAD);
  }

  /**
   * The trial's settings are read, then a change and its whole rollout happen before its workflow
   * starts: the rollout finds nothing to signal, yet the trial ends up on the new settings.
   */
  @Test
  void aTrialStartingDuringARolloutTakesTheNewSettings() {
    VendorSettingsStore racing =
        new VendorSettingsStore(harness.jdbc) {
          private boolean raced;

          @Override
          public LifecycleSettings get(String vendorId) {
            LifecycleSettings read = super.get(vendorId);
            if (!raced) {
              raced = true;
              harness.change(NEW_LEAD);
            }
            return read;
          }
        };

    harness.startTrial("tr_late", new EntityUpdates(harness.workflows, racing));

    assertThat(harness.expiringLead("tr_late")).isEqualTo(NEW_LEAD);
  }

  /** Stores the trial's final event, as its expiry does: the record says its life is over. */
  private void endInTheRecord(String trialId) {
    String id =
        GeneratedEventIds.of(VENDOR, "trial/" + trialId, EventType.Entity.TRIAL.end().wireName());
    harness
        .jdbc
        .sql(
            "INSERT INTO events (vendor_id, id, type, occurred_at, body, created_at)"
                + " VALUES (?, ?, 'trial.expired', ?, '{}', ?)")
        .params(VENDOR, id, Timestamp.from(Instant.now()), Timestamp.from(Instant.now()))
        .update();
  }
}
