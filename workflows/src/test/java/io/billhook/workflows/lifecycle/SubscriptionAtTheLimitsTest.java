package io.billhook.workflows.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A subscription at the edges of what the API accepts: its expiry arithmetic holds. */
class SubscriptionAtTheLimitsTest {
  private static final Duration LONGEST_GRACE = LifecycleLimits.MAX_SETTING;

  @RegisterExtension
  final LifecycleWorkflowEnvironment env =
      new LifecycleWorkflowEnvironment(SubscriptionLifecycleWorkflowImpl.class);

  private int eventNumber;

  @Test
  void aPeriodEndingAtTheHorizonExpiresAfterTheLongestGrace() {
    Instant created = env.now();
    Instant end = LifecycleLimits.latest(created);
    Instant expiry = end.plus(LONGEST_GRACE);
    SubscriptionLifecycleWorkflow sub = create("shorizon", end);

    assertThat(sub.view().scheduled())
        .containsExactly(new ScheduledEvent("subscription.expired", expiry));
    env.sleep(Duration.between(created, expiry).minusMinutes(1));
    assertThat(env.activities.types()).isEmpty();
    env.sleep(Duration.ofMinutes(2));
    env.getWorkflowClient()
        .fetchHistory(SubscriptionLifecycleWorkflow.workflowId("acme", "shorizon"))
        .getEvents()
        .forEach(
            e ->
                System.out.println(
                    "HIST "
                        + e.getEventType()
                        + " "
                        + e.getEventTime()
                        + (e.hasTimerStartedEventAttributes()
                            ? e.getTimerStartedEventAttributes().toString()
                            : "")
                        + (e.hasWorkflowExecutionStartedEventAttributes()
                            ? e.getWorkflowExecutionStartedEventAttributes()
                                .getWorkflowExecutionTimeout()
                                .toString()
                            : "")));

    assertThat(env.activities.types()).containsExactly("subscription.expired");
    assertThat(env.activities.emitted.get(0).event().at()).isEqualTo(expiry);
  }

  @Test
  void aRenewalToTheHorizonThenACancellationExpiresAtThatPeriodEnd() {
    Instant created = env.now();
    SubscriptionLifecycleWorkflow sub = create("srenewed", created.plus(Duration.ofDays(30)));
    Instant end = LifecycleLimits.latest(created);

    report(sub, "subscription.renewed", end, true);
    report(sub, "subscription.cancelled", null, true);
    env.sleep(Duration.between(created, end).plusMinutes(1));

    assertThat(env.activities.types()).containsExactly("subscription.expired");
    assertThat(env.activities.emitted.get(0).event().at()).isEqualTo(end);
  }

  @Test
  void aPeriodThatEndedAtTheEarliestAcceptedTimeExpiresAtOnce() {
    Instant created = env.now();
    create("searliest", LifecycleLimits.EARLIEST);

    env.sleep(Duration.ofMinutes(1));

    assertThat(env.activities.types()).containsExactly("subscription.expired");
    assertThat(env.activities.emitted.get(0).event().at()).isBetween(created, env.now());
  }

  private SubscriptionLifecycleWorkflow create(String id, Instant end) {
    SubscriptionLifecycleWorkflow sub =
        env.newWorkflowStub(
            SubscriptionLifecycleWorkflow.class,
            SubscriptionLifecycleWorkflow.workflowId("acme", id));
    LifecycleSettings settings = new LifecycleSettings(LONGEST_GRACE, LONGEST_GRACE);
    WorkflowClient.start(sub::run, SubscriptionState.initial("acme", id, settings));
    report(sub, "subscription.created", end, true);
    return sub;
  }

  private void report(
      SubscriptionLifecycleWorkflow sub, String type, Instant end, boolean atPeriodEnd) {
    sub.report(
        new SubscriptionReport("evt_" + ++eventNumber, type, "c1", end, atPeriodEnd, Map.of()));
  }
}
