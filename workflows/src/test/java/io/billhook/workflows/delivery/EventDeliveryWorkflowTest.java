package io.billhook.workflows.delivery;

import static io.billhook.workflows.delivery.ScriptedDeliveryActivities.BUSY;
import static io.billhook.workflows.delivery.ScriptedDeliveryActivities.DISABLED;
import static io.billhook.workflows.delivery.ScriptedDeliveryActivities.NO_RESPONSE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billhook.workflows.TaskQueues;
import io.billhook.workflows.delivery.ScriptedDeliveryActivities.Post;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The delivery workflow against scripted receivers: each endpoint answers its attempts with given
 * statuses, failing the way the real activities do. Temporal's time skipping turns the three-day
 * retry schedule into seconds.
 */
class EventDeliveryWorkflowTest {
  private static final String VENDOR = "acme";

  private TestWorkflowEnvironment env;
  private ScriptedDeliveryActivities receivers;

  @BeforeEach
  void setUp() {
    // Fewer workflow threads than endpoints in a test: a run must hold one thread whatever its
    // fan-out, or its workflow task fails for want of threads and redoes the first attempts.
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkflowCacheSize(1)
                        .setMaxWorkflowThreadCount(3)
                        .build())
                .build());
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void givesUpAfterTheWholeThreeDayScheduleInSeconds() {
    script(Map.of("ep_down", List.of(503)));
    long started = System.nanoTime();

    assertThatThrownBy(() -> deliver("evt_down"))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .hasMessageContaining("HTTP 503")
        .hasMessageContaining("ep_down")
        .hasMessageContaining("attempt 11 of 11: giving up");

    assertThat(receivers.attempts("ep_down")).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    assertThat(receivers.markedFailed()).containsExactly("ep_down");
    Duration scheduled =
        Duration.ofSeconds(5 + 300 + 1800 + 3600 * (2 + 5 + 10 + 10 + 14 + 20 + 24));
    List<Post> posts = receivers.posts();
    assertThat(Duration.ofMillis(posts.get(10).atMillis() - posts.get(0).atMillis()))
        .isBetween(scheduled, scheduled.plusSeconds(5));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
  }

  @Test
  void attemptsPutOffForABusyHostDoNotCountAgainstTheBudget() {
    script(Map.of("ep_busy", List.of(BUSY, BUSY, 503, BUSY, BUSY, BUSY, 503)));

    assertThatThrownBy(() -> deliver("evt_busy")).isInstanceOf(WorkflowFailedException.class);

    assertThat(receivers.posts())
        .extracting(Post::attempt)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, RetrySchedule.DEFAULT.maxAttempts()).boxed().toList());
  }

  @Test
  void succeedsAfterThreeFailures() {
    script(Map.of("ep_flaky", List.of(500, 500, 500, 200)));

    List<DeliveryResult> results = deliver("evt_flaky");

    assertThat(results)
        .containsExactly(new DeliveryResult("ep_flaky", DeliveryStatus.SUCCEEDED, 4, 200, null));
    assertThat(receivers.attempts("ep_flaky")).containsExactly(1, 2, 3, 4);
    assertThat(receivers.markedFailed()).isEmpty();
  }

  @Test
  void goneStopsRetrying() {
    script(Map.of("ep_gone", List.of(410, 200)));

    assertThatThrownBy(() -> deliver("evt_gone"))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .hasMessageContaining("HTTP 410")
        .hasMessageContaining("endpoint disabled");

    assertThat(receivers.attempts("ep_gone")).containsExactly(1);
    assertThat(receivers.markedFailed()).containsExactly("ep_gone");
  }

  @Test
  void anEndpointDisabledMidRetryStopsRetrying() {
    script(Map.of("ep_flap", List.of(503, DISABLED, 200)));

    assertThatThrownBy(() -> deliver("evt_flap"))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .hasMessageContaining("endpoint is disabled");

    assertThat(receivers.attempts("ep_flap")).containsExactly(1);
  }

  @Test
  void oneFailingEndpointDoesNotHoldBackTheOthers() {
    Map<String, List<Integer>> script = new LinkedHashMap<>();
    script.put("ep_ok1", List.of(200));
    script.put("ep_bad", List.of(503));
    script.put("ep_ok2", List.of(200));
    script(script);

    assertThatThrownBy(() -> deliver("evt_fan"))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .hasMessageContaining("1 of 3 deliveries");

    List<Post> posts = receivers.posts();
    long badRetried = postsTo("ep_bad", posts).get(1).atMillis();
    assertThat(postsTo("ep_ok1", posts)).singleElement().matches(p -> p.atMillis() < badRetried);
    assertThat(postsTo("ep_ok2", posts)).singleElement().matches(p -> p.atMillis() < badRetried);
    assertThat(receivers.markedFailed()).containsExactly("ep_bad");
  }

  @Test
  @Timeout(60) // a run that needs a thread per endpoint never completes here
  void fansOutToMoreEndpointsThanWorkflowThreadsAndPostsToEachOnce() {
    Map<String, List<Integer>> script = new LinkedHashMap<>();
    for (int i = 0; i < 5; i++) {
      script.put("ep_wide" + i, List.of(200));
    }
    script(script);

    List<DeliveryResult> results = deliver("evt_wide");

    assertThat(results).extracting(DeliveryResult::status).containsOnly(DeliveryStatus.SUCCEEDED);
    assertThat(receivers.posts())
        .extracting(Post::endpointId)
        .containsExactlyInAnyOrderElementsOf(script.keySet());
  }

  @Test
  void anAttemptThatLandsAtOnceCostsTemporalOneWorkflowTaskAndNoActivityTask() {
    script(Map.of("ep_ok", List.of(200)));

    deliver("evt_fast");

    List<HistoryEvent> history = history("evt_fast");
    assertThat(count(history, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)).isEqualTo(1);
    assertThat(count(history, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).isZero();
    assertThat(summaries(history, EventType.EVENT_TYPE_MARKER_RECORDED))
        .containsExactly("POST " + url("ep_ok"));
    assertThat(receivers.attempts("ep_ok")).containsExactly(1);
  }

  @Test
  void aFailedFirstAttemptRetriesAsAnActivityLabelledWithTheUrlAfterItsDelay() {
    script(Map.of("ep_later", List.of(503, 200)));

    deliver("evt_later");

    List<HistoryEvent> history = history("evt_later");
    assertThat(summaries(history, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
        .containsExactly("POST " + url("ep_later"));
    assertThat(receivers.attempts("ep_later")).containsExactly(1, 2);
    assertThat(waitBeforeSecondPost()).isBetween(Duration.ofSeconds(5), Duration.ofMillis(5600));
  }

  @Test
  void aFirstAttemptThatFailedWithoutADelayIsRetriedAfterTheScheduleFirstDelay() {
    script(Map.of("ep_silent", List.of(NO_RESPONSE, 200)));

    List<DeliveryResult> results = deliver("evt_silent");

    assertThat(results)
        .extracting(DeliveryResult::status)
        .containsExactly(DeliveryStatus.SUCCEEDED);
    // Without a time of failure the wait counts from when the retry was scheduled: the first
    // workflow task's real time adds to it.
    assertThat(waitBeforeSecondPost()).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(8));
  }

  private void script(Map<String, List<Integer>> statusesByEndpoint) {
    receivers = new ScriptedDeliveryActivities(statusesByEndpoint, env::currentTimeMillis);
    Worker worker = env.newWorker(TaskQueues.BILLHOOK);
    worker.registerWorkflowImplementationTypes(EventDeliveryWorkflowImpl.class);
    worker.registerActivitiesImplementations(receivers);
    env.start();
  }

  private List<DeliveryResult> deliver(String eventId) {
    List<DeliveryTarget> targets =
        receivers.scriptedEndpoints().stream().map(id -> new DeliveryTarget(id, url(id))).toList();
    EventDeliveryInput input =
        new EventDeliveryInput(
            VENDOR,
            eventId,
            "payment.received",
            "{\"amount\":1}",
            targets,
            RetrySchedule.DEFAULT.maxAttempts());
    return env.getWorkflowClient()
        .newWorkflowStub(
            EventDeliveryWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.BILLHOOK)
                .setWorkflowId(EventDeliveryWorkflow.workflowId(VENDOR, eventId))
                .build())
        .deliver(input);
  }

  /** The URL that labels an endpoint's attempts; nothing is ever posted to it. */
  private static String url(String endpointId) {
    return "http://127.0.0.1:9/" + endpointId;
  }

  private Duration waitBeforeSecondPost() {
    List<Post> posts = receivers.posts();
    return Duration.ofMillis(posts.get(1).atMillis() - posts.get(0).atMillis());
  }

  private static List<Post> postsTo(String endpointId, List<Post> posts) {
    return posts.stream().filter(p -> p.endpointId().equals(endpointId)).toList();
  }

  private List<HistoryEvent> history(String eventId) {
    return env.getWorkflowClient()
        .fetchHistory(EventDeliveryWorkflow.workflowId(VENDOR, eventId))
        .getEvents();
  }

  private static long count(List<HistoryEvent> history, EventType type) {
    return history.stream().filter(e -> e.getEventType() == type).count();
  }

  private static List<String> summaries(List<HistoryEvent> history, EventType type) {
    return history.stream()
        // Version markers carry no summary.
        .filter(e -> e.getEventType() == type && e.getUserMetadata().hasSummary())
        .map(
            e ->
                DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                    e.getUserMetadata().getSummary(), String.class, String.class))
        .toList();
  }
}
