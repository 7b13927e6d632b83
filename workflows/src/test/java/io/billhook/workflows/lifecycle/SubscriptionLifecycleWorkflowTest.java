package io.billhook.workflows.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every subscription transition, with time skipping: years of renewals run in seconds. */
class SubscriptionLifecycleWorkflowTest {
  private static final Duration GRACE = LifecycleSettings.DEFAULT.renewalGrace();

  @RegisterExtension
  final LifecycleWorkflowEnvironment env =
      new LifecycleWorkflowEnvironment(SubscriptionLifecycleWorkflowImpl.class);

  private final RecordingLifecycleActivities activities = env.activities;
  private int eventNumber;

  @Test
  void aPeriodEndingWithoutRenewalExpiresAfterTheGrace() {
    Instant end = env.now().plus(Duration.ofDays(30));
    SubscriptionLifecycleWorkflow sub = create("s1", end, 2000);

    env.sleep(Duration.ofDays(30).plus(GRACE).minusMinutes(1));
    assertThat(activities.types()).isEmpty();
    env.sleep(Duration.ofMinutes(2));

    assertThat(activities.types()).containsExactly("subscription.expired");
    GeneratedEvent expired = activities.emitted.get(0).event();
    assertThat(expired.at()).isEqualTo(end.plus(GRACE));
    assertThat(expired.data())
        .containsAllEntriesOf(
            Map.of(
                "subscriptionId", "s1",
                "customerId", "c1",
                "productId", "iptv-gold",
                "reason", "not_renewed"));
    assertThat(sub.view().status()).isEqualTo("expired");
  }

  @Test
  void aYearlySubscriptionRenewedSeveralTimesKeepsItsHistoryBounded() {
    Instant end = env.now().plus(Duration.ofDays(365));
    SubscriptionLifecycleWorkflow sub = create("yearly", end, 40);
    String firstRun = WorkflowStub.fromTyped(sub).getExecution().getRunId();

    for (int year = 1; year <= 8; year++) {
      env.sleep(Duration.ofDays(364));
      end = end.plus(Duration.ofDays(365));
      assertThat(report(sub, "subscription.renewed", end, true).currentPeriodEnd()).isEqualTo(end);
    }

    assertThat(activities.types()).isEmpty();
    String currentRun = describeRunId("yearly");
    assertThat(currentRun).isNotEqualTo(firstRun);
    assertThat(env.getWorkflowClient().fetchHistory(workflowId("yearly")).getEvents().size())
        .isLessThan(60);
    // The state survived every continue-as-new: the period end, and the ids already applied.
    assertThat(sub.view().currentPeriodEnd()).isEqualTo(end);
    assertThat(
            sub.report(
                    new SubscriptionReport(
                        "evt_2", "subscription.renewed", "c1", end, true, Map.of()))
                .status())
        .isEqualTo("active");
    env.sleep(Duration.between(env.now(), end.plus(GRACE)).plusMinutes(1));
    assertThat(activities.types()).containsExactly("subscription.expired");
  }

  @Test
  void aRenewalMovesTheExpiry() {
    Instant end = env.now().plus(Duration.ofDays(30));
    SubscriptionLifecycleWorkflow sub = create("s2", end, 2000);
    env.sleep(Duration.ofDays(29));

    Instant renewed = end.plus(Duration.ofDays(30));
    report(sub, "subscription.renewed", renewed, true);
    env.sleep(Duration.ofDays(2));
    assertThat(activities.types()).isEmpty();
    assertThat(sub.view().scheduled())
        .containsExactly(new ScheduledEvent("subscription.expired", renewed.plus(GRACE)));
    env.sleep(Duration.ofDays(30).plusMinutes(1));
    assertThat(activities.emitted.get(0).event().at()).isEqualTo(renewed.plus(GRACE));
  }

  @Test
  void aCancellationExpiresAtThePeriodEnd() {
    Instant end = env.now().plus(Duration.ofDays(30));
    SubscriptionLifecycleWorkflow sub = create("s3", end, 2000);

    assertThat(report(sub, "subscription.cancelled", null, true).status()).isEqualTo("cancelled");
    env.sleep(Duration.ofDays(31));

    assertThat(activities.emitted.get(0).event().at()).isEqualTo(end);
    assertThat(activities.emitted.get(0).event().data()).containsEntry("reason", "cancelled");
  }

  @Test
  void anImmediateCancellationExpiresAtOnce() {
    SubscriptionLifecycleWorkflow sub = create("s4", env.now().plus(Duration.ofDays(30)), 2000);
    env.sleep(Duration.ofDays(3));
    Instant cancelledAt = env.now();

    report(sub, "subscription.cancelled", null, false);
    env.sleep(Duration.ofSeconds(1));

    assertThat(activities.types()).containsExactly("subscription.expired");
    assertThat(activities.emitted.get(0).emittedAt())
        .isBetween(cancelledAt, cancelledAt.plusSeconds(2));
  }

  @Test
  void aReportIsPublishedBeforeTheEventItCauses() {
    SubscriptionLifecycleWorkflow sub = create("s8", env.now().plus(Duration.ofDays(30)), 2000);
    ReportedEvent cancelled =
        new ReportedEvent("acme", "evt_cancel", "subscription.cancelled", env.now(), "{}");

    sub.report(
        new SubscriptionReport(
            "evt_cancel", "subscription.cancelled", null, null, false, Map.of(), cancelled, null));
    env.sleep(Duration.ofSeconds(2));

    assertThat(activities.order).containsExactly("subscription.cancelled", "subscription.expired");
  }

  @Test
  void aSuspendedSubscriptionHoldsUntilARenewalReactivatesIt() {
    Instant end = env.now().plus(Duration.ofDays(30));
    SubscriptionLifecycleWorkflow sub = create("s5", end, 2000);

    assertThat(report(sub, "subscription.suspended", null, true).scheduled()).isEmpty();
    env.sleep(Duration.ofDays(90));
    assertThat(activities.types()).isEmpty();

    Instant renewed = env.now().plus(Duration.ofDays(30));
    assertThat(report(sub, "subscription.renewed", renewed, true).status()).isEqualTo("active");
    env.sleep(Duration.ofDays(32));
    assertThat(activities.types()).containsExactly("subscription.expired");
  }

  @Test
  void inconsistentReportsAreRefusedAndChangeNothing() {
    Instant end = env.now().plus(Duration.ofDays(30));
    SubscriptionLifecycleWorkflow sub = create("s6", end, 2000);

    assertThatThrownBy(() -> report(sub, "subscription.renewed", end.minusSeconds(1), true))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("must be later than the current period end");
    assertThatThrownBy(() -> report(sub, "subscription.created", end, true))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("already exists");
    report(sub, "subscription.cancelled", null, false);
    env.sleep(Duration.ofSeconds(5));
    assertThatThrownBy(() -> report(sub, "subscription.suspended", null, true))
        .isInstanceOf(Exception.class);
    assertThat(activities.types()).containsExactly("subscription.expired");
  }

  @Test
  void aShorterGraceMovesTheExpiryOfARunningSubscription() {
    Instant end = env.now().plus(Duration.ofDays(10));
    SubscriptionLifecycleWorkflow sub = create("s7", end, 2000);

    sub.changeSettings(new LifecycleSettings(Duration.ofHours(72), Duration.ofSeconds(10), 1));
    env.sleep(Duration.ofDays(10).plusMinutes(1));

    assertThat(activities.emitted.get(0).event().at()).isEqualTo(end.plusSeconds(10));
  }

  @Test
  void anOlderSettingsRolloutArrivingLateIsIgnored() {
    Instant end = env.now().plus(Duration.ofDays(10));
    SubscriptionLifecycleWorkflow sub = create("s10", end, 2000);

    sub.changeSettings(new LifecycleSettings(Duration.ofHours(72), Duration.ofHours(48), 7));
    sub.changeSettings(new LifecycleSettings(Duration.ofHours(72), Duration.ofSeconds(1), 6));

    assertThat(sub.view().scheduled())
        .containsExactly(
            new ScheduledEvent("subscription.expired", end.plus(Duration.ofHours(48))));
  }

  @Test
  void aCreationThatNamesATrialConvertsItOnceAfterPublishingTheReport() {
    Instant end = env.now().plus(Duration.ofDays(30));
    SubscriptionLifecycleWorkflow sub =
        env.newWorkflowStub(SubscriptionLifecycleWorkflow.class, workflowId("sconv"));
    WorkflowClient.start(
        sub::run, SubscriptionState.initial("acme", "sconv", LifecycleSettings.DEFAULT));
    SubscriptionReport created =
        new SubscriptionReport(
            "evt_c",
            "subscription.created",
            "c1",
            end,
            true,
            Map.of(),
            new ReportedEvent("acme", "evt_c", "subscription.created", env.now(), "{}"),
            "t1");

    sub.report(created);
    sub.report(created);

    assertThat(activities.order).containsExactly("subscription.created");
    assertThat(activities.conversions).containsExactly("t1 by sconv");
  }

  @Test
  void aCreationThatNeverArrivesIsReadFromTheRecord() {
    Instant end = env.now().plus(Duration.ofDays(30));
    activities.storedCreation =
        new SubscriptionReport(
            "evt_rec",
            "subscription.created",
            "c1",
            end,
            true,
            Map.of(),
            new ReportedEvent("acme", "evt_rec", "subscription.created", env.now(), "{}"),
            "t9");
    SubscriptionLifecycleWorkflow sub =
        env.newWorkflowStub(SubscriptionLifecycleWorkflow.class, workflowId("srec"));
    WorkflowClient.start(
        sub::run, SubscriptionState.initial("acme", "srec", LifecycleSettings.DEFAULT));

    env.sleep(FirstReport.PATIENCE.plusSeconds(1));

    assertThat(sub.view().status()).isEqualTo("active");
    assertThat(sub.view().currentPeriodEnd()).isEqualTo(end);
    assertThat(activities.order).containsExactly("read record", "subscription.created");
    assertThat(activities.conversions).containsExactly("t9 by srec");
  }

  @Test
  void aRenewalNamingAnotherCustomerIsRefused() {
    SubscriptionLifecycleWorkflow sub = create("scust", env.now().plus(Duration.ofDays(30)), 2000);

    assertThatThrownBy(
            () ->
                sub.report(
                    new SubscriptionReport(
                        "evt_other",
                        "subscription.renewed",
                        "c2",
                        env.now().plus(Duration.ofDays(60)),
                        true,
                        Map.of())))
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .hasMessageContaining("belongs to customer c1, not c2");
    assertThat(sub.view().customerId()).isEqualTo("c1");
  }

  private SubscriptionLifecycleWorkflow create(String id, Instant end, int historyLimit) {
    SubscriptionLifecycleWorkflow sub =
        env.newWorkflowStub(SubscriptionLifecycleWorkflow.class, workflowId(id));
    SubscriptionState state = SubscriptionState.initial("acme", id, LifecycleSettings.DEFAULT);
    state.historyLimit = historyLimit;
    WorkflowClient.start(sub::run, state);
    sub.report(
        new SubscriptionReport(
            "evt_" + ++eventNumber,
            "subscription.created",
            "c1",
            end,
            true,
            Map.of("productId", "iptv-gold")));
    return sub;
  }

  private SubscriptionView report(
      SubscriptionLifecycleWorkflow sub, String type, Instant end, boolean atPeriodEnd) {
    return sub.report(
        new SubscriptionReport("evt_" + ++eventNumber, type, "c1", end, atPeriodEnd, Map.of()));
  }

  private String describeRunId(String id) {
    return env.getWorkflowClient()
        .newUntypedWorkflowStub(workflowId(id))
        .describe()
        .getExecution()
        .getRunId();
  }

  private static String workflowId(String id) {
    return SubscriptionLifecycleWorkflow.workflowId("acme", id);
  }
}
