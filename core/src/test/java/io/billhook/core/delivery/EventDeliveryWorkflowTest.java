package io.billhook.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billhook.core.endpoints.Endpoint;
import io.billhook.core.endpoints.EndpointStore;
import io.billhook.core.endpoints.GuardedDns;
import io.billhook.core.endpoints.UrlPolicy;
import io.billhook.core.events.Envelope;
import io.billhook.core.events.EventPublisher;
import io.billhook.core.events.EventStore;
import io.billhook.core.events.StrictJsonParser;
import io.billhook.core.testing.Endpoints;
import io.billhook.core.testing.TestDatabase;
import io.billhook.workflows.SearchAttributes;
import io.billhook.workflows.TaskQueues;
import io.billhook.workflows.delivery.EventDeliveryWorkflow;
import io.billhook.workflows.delivery.EventDeliveryWorkflowImpl;
import io.billhook.workflows.delivery.RetrySchedule;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The delivery workflow with the real activities, a real database and a real receiver; Temporal's
 * time skipping turns the three-day retry schedule into seconds.
 */
class EventDeliveryWorkflowTest {
  private static final String VENDOR = "acme";

  private final MockWebServer receiver = new MockWebServer();
  private final List<Long> requestTimes = new CopyOnWriteArrayList<>();
  private TestWorkflowEnvironment env;
  private EndpointStore endpoints;
  private DeliveryLog log;
  private EventPublisher publisher;
  private JdbcClient jdbc;

  @BeforeEach
  void setUp() throws Exception {
    TestDatabase.clear();
    jdbc = TestDatabase.jdbc();
    endpoints = new EndpointStore(jdbc);
    log = new DeliveryLog(jdbc);
    receiver.start();
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
    SearchAttributes.ALL.forEach(
        key ->
            env.registerSearchAttribute(
                key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    OkHttpClient http =
        new GuardedDns(new UrlPolicy(true, List.of()))
            .install(new OkHttpClient.Builder())
            .callTimeout(Duration.ofSeconds(5))
            .build();
    Worker worker = env.newWorker(TaskQueues.BILLHOOK);
    worker.registerWorkflowImplementationTypes(EventDeliveryWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new DeliveryActivitiesImpl(
            endpoints,
            new AttemptRecorder(log, 100),
            new WebhookSender(http, Clock.systemUTC(), "test"),
            RetrySchedule.DEFAULT));
    env.start();
    publisher =
        new EventPublisher(
            endpoints,
            new EventStore(jdbc, TestDatabase.transactions()),
            env.getWorkflowClient(),
            RetrySchedule.DEFAULT);
  }

  @AfterEach
  void tearDown() {
    env.close();
    receiver.close();
  }

  @Test
  void givesUpAfterTheWholeThreeDayScheduleInSeconds() {
    respond(attempt -> 503);
    Endpoint endpoint = Endpoints.create(endpoints, VENDOR, url("/down"));
    long started = System.nanoTime();

    WorkflowStub run = publish("evt_down");

    assertThatThrownBy(() -> run.getResult(List.class))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .hasMessageContaining("HTTP 503")
        .hasMessageContaining(endpoint.id());
    assertThat(receiver.getRequestCount()).isEqualTo(RetrySchedule.DEFAULT.maxAttempts());
    assertThat(attemptNumbers("evt_down")).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    assertThat(deliveryStatus("evt_down")).isEqualTo("failed");
    Duration scheduled =
        Duration.ofSeconds(5 + 300 + 1800 + 3600 * (2 + 5 + 10 + 10 + 14 + 20 + 24));
    Duration waited = Duration.ofMillis(requestTimes.get(10) - requestTimes.get(0));
    assertThat(waited)
        .isBetween(
            scheduled.multipliedBy(9).dividedBy(10), scheduled.multipliedBy(11).dividedBy(10));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
  }

  @Test
  void succeedsAfterThreeFailures() {
    respond(attempt -> attempt <= 3 ? 500 : 200);
    Endpoints.create(endpoints, VENDOR, url("/flaky"));

    publish("evt_flaky").getResult(List.class);

    assertThat(receiver.getRequestCount()).isEqualTo(4);
    assertThat(deliveryStatus("evt_flaky")).isEqualTo("succeeded");
    assertThat(attemptNumbers("evt_flaky")).containsExactly(1, 2, 3, 4);
  }

  @Test
  void goneStopsRetryingAndDisablesTheEndpoint() {
    respond(attempt -> 410);
    Endpoint endpoint = Endpoints.create(endpoints, VENDOR, url("/gone"));

    assertThatThrownBy(() -> publish("evt_gone").getResult(List.class))
        .isInstanceOf(WorkflowFailedException.class);

    assertThat(receiver.getRequestCount()).isEqualTo(1);
    Endpoint after = endpoints.find(VENDOR, endpoint.id()).orElseThrow();
    assertThat(after.enabled()).isFalse();
    assertThat(after.disabledReason()).contains("410");
    assertThat(deliveryStatus("evt_gone")).isEqualTo("failed");
  }

  @Test
  void anEndpointDisabledMidRetryStopsRetrying() {
    AtomicInteger seen = new AtomicInteger();
    Endpoint endpoint = Endpoints.create(endpoints, VENDOR, url("/flapping"));
    respond(
        attempt -> {
          if (seen.incrementAndGet() == 2) {
            Instant now = Instant.now();
            endpoints.disable(VENDOR, endpoint.id(), "disabled by the vendor", now);
          }
          return 503;
        });

    assertThatThrownBy(() -> publish("evt_flap").getResult(List.class))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .hasMessageContaining("endpoint is disabled");

    assertThat(receiver.getRequestCount()).isEqualTo(2);
    assertThat(deliveryStatus("evt_flap")).isEqualTo("failed");
  }

  @Test
  void oneFailingEndpointDoesNotHoldBackTheOthers() throws Exception {
    receiver.setDispatcher(
        dispatcher(request -> request.getUrl().encodedPath().equals("/bad") ? 503 : 200));
    Endpoints.create(endpoints, VENDOR, url("/ok1"));
    Endpoints.create(endpoints, VENDOR, url("/bad"));
    Endpoints.create(endpoints, VENDOR, url("/ok2"));

    WorkflowStub run = publish("evt_fan");

    // Not blocking on the result, time does not skip: the healthy two land at once regardless.
    waitUntil(() -> countDeliveries("evt_fan", "succeeded") == 2);
    assertThat(countDeliveries("evt_fan", "pending")).isEqualTo(1);
    assertThatThrownBy(() -> run.getResult(List.class))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .hasMessageContaining("1 of 3 deliveries");
    assertThat(countDeliveries("evt_fan", "succeeded")).isEqualTo(2);
    assertThat(countDeliveries("evt_fan", "failed")).isEqualTo(1);
  }

  @Test
  @Timeout(60) // a run that needs a thread per endpoint never completes here
  void fansOutToMoreEndpointsThanWorkflowThreadsAndPostsToEachOnce() {
    respond(attempt -> 200);
    for (int i = 0; i < 5; i++) {
      Endpoints.create(endpoints, VENDOR, url("/wide" + i));
    }

    publish("evt_wide").getResult(List.class);

    assertThat(receiver.getRequestCount()).isEqualTo(5);
    assertThat(countDeliveries("evt_wide", "succeeded")).isEqualTo(5);
  }

  @Test
  void honoursRetryAfterLongerThanTheSchedule() {
    respond(attempt -> attempt == 1 ? 429 : 200);
    receiver.setDispatcher(
        new Dispatcher() {
          final AtomicInteger count = new AtomicInteger();

          @Override
          public MockResponse dispatch(RecordedRequest request) {
            requestTimes.add(env.currentTimeMillis());
            return count.incrementAndGet() == 1
                ? new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build()
                : new MockResponse.Builder().code(200).build();
          }
        });
    Endpoints.create(endpoints, VENDOR, url("/busy"));

    publish("evt_busy").getResult(List.class);

    assertThat(Duration.ofMillis(requestTimes.get(1) - requestTimes.get(0)))
        .isGreaterThanOrEqualTo(Duration.ofHours(1));
  }

  @Test
  void anAttemptThatLandsAtOnceCostsTemporalOneWorkflowTaskAndNoActivityTask() {
    respond(attempt -> 200);
    Endpoints.create(endpoints, VENDOR, url("/ok"));

    publish("evt_fast").getResult(List.class);

    List<HistoryEvent> history = history("evt_fast");
    assertThat(count(history, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)).isEqualTo(1);
    assertThat(count(history, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).isZero();
    assertThat(summaries(history, EventType.EVENT_TYPE_MARKER_RECORDED))
        .containsExactly("POST " + url("/ok"));
    assertThat(attemptNumbers("evt_fast")).containsExactly(1);
  }

  @Test
  void aFailedFirstAttemptRetriesAsAnActivityLabelledWithTheUrl() {
    respond(attempt -> attempt == 1 ? 503 : 200);
    Endpoints.create(endpoints, VENDOR, url("/later"));

    publish("evt_later").getResult(List.class);

    List<HistoryEvent> history = history("evt_later");
    assertThat(summaries(history, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
        .containsExactly("POST " + url("/later"));
    assertThat(attemptNumbers("evt_later")).containsExactly(1, 2);
    Duration waited = Duration.ofMillis(requestTimes.get(1) - requestTimes.get(0));
    assertThat(waited).isBetween(Duration.ofMillis(4500), Duration.ofMillis(5600));
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
        .filter(e -> e.getEventType() == type)
        .map(
            e ->
                DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                    e.getUserMetadata().getSummary(), String.class, String.class))
        .toList();
  }

  private WorkflowStub publish(String eventId) {
    Envelope envelope =
        Envelope.of(
            eventId, "payment.received", Instant.now(), StrictJsonParser.parse("{\"amount\":1}"));
    publisher.publish(VENDOR, envelope);
    return env.getWorkflowClient()
        .newUntypedWorkflowStub(EventDeliveryWorkflow.workflowId(VENDOR, eventId));
  }

  private void respond(IntFunction<Integer> statusForAttempt) {
    AtomicInteger count = new AtomicInteger();
    receiver.setDispatcher(dispatcher(request -> statusForAttempt.apply(count.incrementAndGet())));
  }

  private Dispatcher dispatcher(java.util.function.Function<RecordedRequest, Integer> status) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requestTimes.add(env.currentTimeMillis());
        return new MockResponse.Builder().code(status.apply(request)).build();
      }
    };
  }

  private String url(String path) {
    return receiver.url(path).toString();
  }

  private List<Integer> attemptNumbers(String eventId) {
    return log.attemptsOfEvent(VENDOR, eventId).stream().map(DeliveryLog.Attempt::attempt).toList();
  }

  private String deliveryStatus(String eventId) {
    return log.deliveriesOfEvent(VENDOR, eventId).get(0).status();
  }

  private long countDeliveries(String eventId, String status) {
    return log.deliveriesOfEvent(VENDOR, eventId).stream()
        .filter(d -> d.status().equals(status))
        .count();
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(50);
    }
  }
}
