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
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
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

    assertThat(leads("tr_1", "tr_2", "tr_ended")).containsExactly(NEW_LEAD, NEW_LEAD, DEFAULT_LEAD);
  }

  @Test
  void aRetriedPageResumesAfterTheLastTrialItSignalled() {
    LifecycleSettings newer = threeTrialsAndNewSettings();
    RolloutPage page =
        retried(
            new RolloutPage(1, new RolloutCursor("trial", "tr_1")),
            rollout -> rollout.signalPage(VENDOR, newer, RolloutCursor.START));

    assertThat(page).isEqualTo(new RolloutPage(3, null));
    assertThat(leads("tr_1", "tr_2", "tr_3")).containsExactly(DEFAULT_LEAD, NEW_LEAD, NEW_LEAD);
  }

  /** A rollout started before paging, retried on this code after a count-only heartbeat. */
  @Test
  void aRetriedRolloutFromBeforePagingStartsOver() {
    LifecycleSettings newer = threeTrialsAndNewSettings();
    int signalled = retried(2, rollout -> rollout.signalAll(VENDOR, newer));

    assertThat(signalled).isEqualTo(3);
    assertThat(leads("tr_1", "tr_2", "tr_3")).containsOnly(NEW_LEAD);
  }

  private LifecycleSettings threeTrialsAndNewSettings() {
    harness.startTrial("tr_1");
    harness.startTrial("tr_2");
    harness.startTrial("tr_3");
    return harness.settings.put(VENDOR, new LifecycleSettings(NEW_LEAD, Duration.ofHours(24)));
  }

  /** Runs {@code call} as an attempt after one that heartbeated {@code details}. */
  private <T> T retried(Object details, Function<SettingsRolloutActivities, T> call) {
    TestActivityEnvironment activities = TestActivityEnvironment.newInstance();
    try {
      activities.registerActivitiesImplementations(harness.rollout);
      activities.setHeartbeatDetails(details);
      return call.apply(activities.newActivityStub(SettingsRolloutActivities.class));
    } finally {
      activities.close();
    }
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

  private List<Duration> leads(String... trialIds) {
    return Arrays.stream(trialIds).map(harness::expiringLead).toList();
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
