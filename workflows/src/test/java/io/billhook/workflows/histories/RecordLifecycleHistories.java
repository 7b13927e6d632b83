package io.billhook.workflows.histories;

import static io.billhook.workflows.histories.HistoryRecorder.VENDOR;

import io.billhook.workflows.TaskQueues;
import io.billhook.workflows.lifecycle.LifecycleSettings;
import io.billhook.workflows.lifecycle.SettingsRolloutWorkflow;
import io.billhook.workflows.lifecycle.SubscriptionLifecycleWorkflow;
import io.billhook.workflows.lifecycle.SubscriptionReport;
import io.billhook.workflows.lifecycle.TrialLifecycleWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The recorded cases of the trial, subscription and settings rollout workflows; see {@link
 * HistoryRecorder}. Periods are counted from the test environment's clock, so every timer is real.
 */
@EnabledIfSystemProperty(named = "histories.record", matches = "true")
class RecordLifecycleHistories {
  private static final Duration DAY = Duration.ofDays(1);

  /**
   * The suffix of the cases recorded on the entities' cancellable timers (change {@code
   * cancel-timer-on-replan}, with the CustomerId upsert); the cases without it are older runs.
   */
  private static final String CANCELLABLE_TIMERS = "-cancellable-timers";

  /**
   * The suffix of the cases recorded on the current shape (change {@code publish-in-workflow-task}:
   * publishes and emits in the workflow task, continue-as-new onto the lifecycle queue).
   */
  private static final String IN_TASK = "-in-task";

  @Test
  void trialStartedThenExpiringThenExpired() {
    record("started-expiring-expired", RecordLifecycleHistories::trialExpires);
  }

  private static String trialExpires(HistoryRecorder recorder, EntityReports reports) {
    Instant end = daysFromNow(recorder, 30);
    String id = reports.startTrial("tr_1", end);
    reports.repeatTrialStart("tr_1", end);
    recorder.sleep(DAY.multipliedBy(31));
    return id;
  }

  @Test
  void trialShorterThanTheLeadWarnsAtOnce() {
    record("short-trial-expiring-at-once", RecordLifecycleHistories::shortTrial);
  }

  private static String shortTrial(HistoryRecorder recorder, EntityReports reports) {
    String id = reports.startTrial("tr_2", recorder.now().plus(Duration.ofHours(10)));
    recorder.sleep(Duration.ofHours(11));
    return id;
  }

  @Test
  void trialConverted() {
    record("converted", RecordLifecycleHistories::trialConverts);
  }

  private static String trialConverts(HistoryRecorder recorder, EntityReports reports) {
    String id = reports.startTrial("tr_3", daysFromNow(recorder, 14));
    recorder.sleep(DAY);
    reports.convertTrial("tr_3", "sub_3");
    recorder.sleep(DAY.multipliedBy(14));
    return id;
  }

  @Test
  void trialWaiting() {
    record("started-waiting-in-flight", RecordLifecycleHistories::trialWaits);
  }

  private static String trialWaits(HistoryRecorder recorder, EntityReports reports) {
    String id = reports.startTrial("tr_4", daysFromNow(recorder, 30));
    recorder.sleep(DAY);
    return id;
  }

  @Test
  void subscriptionRenewedSeveralTimesThenCancelledThenExpired() {
    record("created-renewed-cancelled-expired", RecordLifecycleHistories::subscriptionRenews);
  }

  private static String subscriptionRenews(HistoryRecorder recorder, EntityReports reports) {
    Instant end = daysFromNow(recorder, 30);
    // A small history limit, so that the renewals continue the run as new several times.
    String id = reports.createSubscription("sub_1", end, 40);
    for (int month = 1; month <= 6; month++) {
      recorder.sleep(DAY.multipliedBy(29));
      end = end.plus(DAY.multipliedBy(30));
      SubscriptionReport renewed = reports.report("sub_1", "subscription.renewed", end, true);
      if (month == 3) {
        reports.repeat("sub_1", renewed);
      }
    }
    recorder.sleep(DAY.multipliedBy(10));
    reports.report("sub_1", "subscription.cancelled", null, true);
    recorder.sleep(DAY.multipliedBy(27));
    return id;
  }

  @Test
  void subscriptionNotRenewedExpiresAfterTheGrace() {
    record("not-renewed-expired", RecordLifecycleHistories::subscriptionNotRenewed);
  }

  private static String subscriptionNotRenewed(HistoryRecorder recorder, EntityReports reports) {
    String id = reports.createSubscription("sub_2", daysFromNow(recorder, 30), 2000);
    recorder.sleep(DAY.multipliedBy(32));
    return id;
  }

  @Test
  void subscriptionCancelledImmediately() {
    record(
        "cancelled-immediately",
        (recorder, reports) -> {
          String id = reports.createSubscription("sub_3", daysFromNow(recorder, 30), 2000);
          recorder.sleep(DAY.multipliedBy(3));
          reports.report("sub_3", "subscription.cancelled", null, false);
          recorder.sleep(Duration.ofMinutes(1));
          return id;
        });
  }

  @Test
  void subscriptionSuspendedThenRenewed() {
    record("suspended-then-renewed", RecordLifecycleHistories::subscriptionSuspends);
  }

  private static String subscriptionSuspends(HistoryRecorder recorder, EntityReports reports) {
    String id = reports.createSubscription("sub_4", daysFromNow(recorder, 30), 2000);
    recorder.sleep(DAY.multipliedBy(10));
    reports.report("sub_4", "subscription.suspended", null, true);
    recorder.sleep(DAY.multipliedBy(60));
    reports.report("sub_4", "subscription.renewed", daysFromNow(recorder, 30), true);
    recorder.sleep(DAY.multipliedBy(32));
    return id;
  }

  @Test
  void subscriptionWaiting() {
    record("created-waiting-in-flight", RecordLifecycleHistories::subscriptionWaits);
  }

  private static String subscriptionWaits(HistoryRecorder recorder, EntityReports reports) {
    String id = reports.createSubscription("sub_5", daysFromNow(recorder, 30), 2000);
    recorder.sleep(DAY);
    return id;
  }

  /** The trial and subscription cases again, on cancellable timers. */
  @Test
  void entityCasesOnCancellableTimers() {
    entityCases().forEach((name, script) -> record(name + CANCELLABLE_TIMERS, script));
  }

  /**
   * The trial and subscription cases again, published in their workflow task; the entities start on
   * the old task queue, so the renewed one moves to the lifecycle queue as it continues as new.
   */
  @Test
  void entityCasesPublishedInTheirTask() {
    entityCases().forEach((name, script) -> record(name + IN_TASK, script));
    record("not-renewed-expired" + IN_TASK, RecordLifecycleHistories::subscriptionNotRenewed);
    record("short-trial-expiring-at-once" + IN_TASK, RecordLifecycleHistories::shortTrial);
  }

  /** A publish that fails its tries in the workflow task, then lands through an activity. */
  @Test
  void publishedByAnActivityAfterFailingInTheTask() {
    try (HistoryRecorder recorder = HistoryRecorder.publishFailing(2)) {
      EntityReports reports = new EntityReports(recorder);
      String subscription = reports.createSubscription("sub_11", daysFromNow(recorder, 3), 2000);
      recorder.sleep(DAY.multipliedBy(4));
      recorder.save("published-by-activity-after-failing-in-task", subscription);
    }
  }

  private static Map<String, BiFunction<HistoryRecorder, EntityReports, String>> entityCases() {
    Map<String, BiFunction<HistoryRecorder, EntityReports, String>> cases = new LinkedHashMap<>();
    cases.put("started-expiring-expired", RecordLifecycleHistories::trialExpires);
    cases.put("converted", RecordLifecycleHistories::trialConverts);
    cases.put("started-waiting-in-flight", RecordLifecycleHistories::trialWaits);
    cases.put("created-renewed-cancelled-expired", RecordLifecycleHistories::subscriptionRenews);
    cases.put("suspended-then-renewed", RecordLifecycleHistories::subscriptionSuspends);
    cases.put("created-waiting-in-flight", RecordLifecycleHistories::subscriptionWaits);
    return cases;
  }

  /** Runs started without the CustomerId search attribute: their first report sets it. */
  @Test
  void customerAttributeSetByTheFirstReport() {
    customerAttributeSetByTheFirstReport("");
    customerAttributeSetByTheFirstReport(IN_TASK);
  }

  private static void customerAttributeSetByTheFirstReport(String suffix) {
    try (HistoryRecorder recorder = HistoryRecorder.rollingOutTo(List.of(), List.of())) {
      EntityReports reports = new EntityReports(recorder).withoutCustomerAttribute();
      String trial = reports.startTrial("tr_6", daysFromNow(recorder, 10));
      String subscription = reports.createSubscription("sub_6", daysFromNow(recorder, 10), 2000);
      recorder.sleep(DAY);
      recorder.save("customer-attribute-set-by-report" + suffix, trial);
      recorder.save("customer-attribute-set-by-report" + suffix, subscription);
    }
  }

  /**
   * New settings (shorter lead and grace) rolled out to a running trial and subscription, then an
   * older rollout arriving late and ignored; both entities then fire on the new settings.
   */
  @Test
  void settingsReachRunningEntities() {
    settingsReachRunningEntities("");
  }

  /** The same on cancellable timers (the rollout's own recording is not repeated). */
  @Test
  void settingsReachRunningEntitiesOnCancellableTimers() {
    settingsReachRunningEntities(CANCELLABLE_TIMERS);
  }

  /** The same on the current shape. */
  @Test
  void settingsReachRunningEntitiesPublishedInTheirTask() {
    settingsReachRunningEntities(IN_TASK);
  }

  private static void settingsReachRunningEntities(String suffix) {
    try (HistoryRecorder recorder =
        HistoryRecorder.rollingOutTo(List.of("tr_9"), List.of("sub_9"))) {
      EntityReports reports = new EntityReports(recorder);
      String trial = reports.startTrial("tr_9", daysFromNow(recorder, 10));
      String subscription = reports.createSubscription("sub_9", daysFromNow(recorder, 10), 2000);
      recorder.sleep(DAY);
      LifecycleSettings newer = new LifecycleSettings(Duration.ofHours(24), Duration.ofHours(1), 2);
      String rollout = rollOut(recorder, newer);
      recorder
          .client()
          .newWorkflowStub(
              SubscriptionLifecycleWorkflow.class,
              SubscriptionLifecycleWorkflow.workflowId(VENDOR, "sub_9"))
          .changeSettings(new LifecycleSettings(Duration.ofHours(72), Duration.ofHours(48), 1));
      recorder.sleep(DAY.multipliedBy(10));
      if (suffix.isEmpty()) {
        recorder.save("rolled-out-to-running-entities", rollout);
      }
      recorder.save("settings-changed" + suffix, trial);
      recorder.save("settings-changed" + suffix, subscription);
    }
  }

  /**
   * A rollout of the settings an entity started with, arriving in the same workflow task as the
   * report that starts it (update-with-start); the entity then runs its course.
   */
  @Test
  void sameSettingsInTheFirstTask() {
    for (String suffix : List.of("", IN_TASK)) {
      sameSettingsInTheFirstTask(suffix);
    }
  }

  private static void sameSettingsInTheFirstTask(String suffix) {
    sameSettingsInTheFirstTask(
        suffix,
        TrialLifecycleWorkflow.class,
        TrialLifecycleWorkflow.workflowId(VENDOR, "tr_10"),
        (recorder, reports) -> reports.startTrial("tr_10", daysFromNow(recorder, 5)),
        TrialLifecycleWorkflow::changeSettings);
    sameSettingsInTheFirstTask(
        suffix,
        SubscriptionLifecycleWorkflow.class,
        SubscriptionLifecycleWorkflow.workflowId(VENDOR, "sub_10"),
        (recorder, reports) -> reports.createSubscription("sub_10", daysFromNow(recorder, 5), 2000),
        SubscriptionLifecycleWorkflow::changeSettings);
  }

  /**
   * A rollout of the settings an entity started with, arriving in the same workflow task as the
   * report that starts it (update-with-start); the entity then runs its course.
   */
  private static <W> void sameSettingsInTheFirstTask(
      String suffix,
      Class<W> type,
      String workflowId,
      BiFunction<HistoryRecorder, EntityReports, String> start,
      BiConsumer<W, LifecycleSettings> rollout) {
    try (HistoryRecorder recorder = HistoryRecorder.idle()) {
      EntityReports reports = new EntityReports(recorder);
      recorder.inFirstTask(
          workflowId,
          () -> start.apply(recorder, reports),
          () ->
              rollout.accept(
                  recorder.client().newWorkflowStub(type, workflowId), LifecycleSettings.DEFAULT));
      recorder.sleep(DAY.multipliedBy(7));
      recorder.save("same-settings-in-first-task" + suffix, workflowId);
    }
  }

  /**
   * Records one entity as case {@code caseName}: {@code script} reports to it and lets time pass,
   * and answers its workflow id.
   */
  private static void record(
      String caseName, BiFunction<HistoryRecorder, EntityReports, String> script) {
    try (HistoryRecorder recorder = HistoryRecorder.rollingOutTo(List.of(), List.of())) {
      recorder.save(caseName, script.apply(recorder, new EntityReports(recorder)));
    }
  }

  private static Instant daysFromNow(HistoryRecorder recorder, int days) {
    return recorder.now().plus(DAY.multipliedBy(days));
  }

  static String rollOut(HistoryRecorder recorder, LifecycleSettings settings) {
    String workflowId = "settings/" + VENDOR + "/rollout-2";
    SettingsRolloutWorkflow rollout =
        recorder
            .client()
            .newWorkflowStub(
                SettingsRolloutWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(workflowId)
                    .setTaskQueue(TaskQueues.BILLHOOK)
                    .setStaticSummary("roll out " + VENDOR + "'s lifecycle settings")
                    .build());
    WorkflowClient.start(rollout::rollOut, VENDOR, settings, null);
    WorkflowStub.fromTyped(rollout).getResult(Void.class);
    return workflowId;
  }
}
