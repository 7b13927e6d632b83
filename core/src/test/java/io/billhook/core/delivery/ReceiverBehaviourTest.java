package io.billhook.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billhook.core.endpoints.Endpoint;
import io.billhook.core.endpoints.EndpointStore;
import io.billhook.core.events.Envelope;
import io.billhook.core.events.EventPublisher;
import io.billhook.core.events.EventStore;
import io.billhook.core.events.StrictJsonParser;
import io.billhook.core.secrets.SecretCipher;
import io.billhook.core.testing.Endpoints;
import io.billhook.core.testing.TestDatabase;
import io.billhook.core.testing.TestDeliveries;
import io.billhook.workflows.SearchAttributes;
import io.billhook.workflows.delivery.DeliveryRequest;
import io.billhook.workflows.delivery.DeliveryStatus;
import io.billhook.workflows.delivery.EventDeliveryWorkflow;
import io.billhook.workflows.delivery.RetrySchedule;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What receivers answer, as the real delivery activities take it: the production HTTP client (15 s
 * budget), a real database and a real HTTP server on loopback; Temporal's time skipping for the
 * retry schedule. Slow, odd, gone (410), busy (Retry-After) and disabled receivers; each delivery
 * must end as one attempt series that matches what the receiver saw. The workflow's own behaviour
 * is tested beside it, in the workflows module, against scripted receivers.
 */
@org.junit.jupiter.api.Timeout(120)
class ReceiverBehaviourTest {
  private static final String VENDOR = "acme";
  private static final Duration BUDGET = Duration.ofSeconds(15);

  private final MockWebServer receiver = new MockWebServer();
  private final List<Long> requestTimes = new CopyOnWriteArrayList<>();
  private TestWorkflowEnvironment env;
  private JdbcClient jdbc;
  private EndpointStore endpoints;
  private DeliveryLog log;

  @BeforeEach
  void setUp() throws Exception {
    TestDatabase.clear();
    jdbc = TestDatabase.jdbc();
    endpoints = Endpoints.store(jdbc);
    log = new DeliveryLog(jdbc, Endpoints.DATA);
    receiver.setDispatcher(
        new mockwebserver3.QueueDispatcher() {
          @Override
          public MockResponse dispatch(mockwebserver3.RecordedRequest request)
              throws InterruptedException {
            requestTimes.add(env.currentTimeMillis());
            return super.dispatch(request);
          }
        });
    receiver.start();
    env = TestWorkflowEnvironment.newInstance();
    SearchAttributes.ALL.forEach(
        key ->
            env.registerSearchAttribute(
                key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
  }

  @AfterEach
  void tearDown() {
    env.close();
    receiver.close();
  }

  private void startWorker(EndpointStore store, DeliveryLog attempts) {
    TestDeliveries.start(
        env,
        TestDeliveries.activities(
            store,
            attempts,
            new EventStore(jdbc, TestDatabase.transactions(), Endpoints.DATA),
            RetrySchedule.DEFAULT,
            BUDGET));
  }

  @Test
  void nulAndInvalidBytesInA200AreRecordedCleanedAndTheWebhookIsSentOnce() {
    startWorker(endpoints, log);
    Buffer body = new Buffer().writeUtf8("received").writeByte(0);
    body.write(new byte[] {(byte) 0xc3, (byte) 0x28, 0x07, (byte) 0xff});
    enqueue(new MockResponse.Builder().code(200).body(body));
    Endpoints.create(endpoints, VENDOR, url("/nul"));

    publish("evt_nul").getResult(List.class);

    assertThat(receiver.getRequestCount()).isEqualTo(1);
    DeliveryLog.Attempt attempt = onlyAttempt("evt_nul");
    assertThat(attempt.statusCode()).isEqualTo(200);
    assertThat(attempt.responseExcerpt()).isEqualTo("received\uFFFD\uFFFD(\uFFFD\uFFFD");
    assertThat(status("evt_nul")).isEqualTo("succeeded");
  }

  @Test
  void aRetryAnsweredAfter12SecondsIsASuccess() {
    DeliveryLog.Attempt attempt =
        retriedSlowSuccess(
            "evt_12s", new MockResponse.Builder().code(200).headersDelay(12, TimeUnit.SECONDS));

    assertThat(attempt.statusCode()).isEqualTo(200);
    assertThat(attempt.durationMs()).isBetween(12_000L, 15_000L);
  }

  @Test
  void aFirstAttemptUnansweredWithinFourSecondsIsRetriedWithTheWholeBudget() {
    startWorker(endpoints, log);
    enqueue(new MockResponse.Builder().code(200).headersDelay(6, TimeUnit.SECONDS));
    enqueue(new MockResponse.Builder().code(200));
    Endpoints.create(endpoints, VENDOR, url("/hangs"));

    WorkflowStub run = publish("evt_hangs");
    waitUntil(() -> !attempts("evt_hangs").isEmpty(), Duration.ofSeconds(30));
    run.getResult(List.class);

    List<DeliveryLog.Attempt> attempts = attempts("evt_hangs");
    assertThat(attempts).extracting(DeliveryLog.Attempt::attempt).containsExactly(1, 2);
    assertThat(attempts.get(0).error()).contains("timed out").contains("delivery timeout 4 s");
    assertThat(attempts.get(0).durationMs()).isBetween(4_000L, 4_900L);
    assertThat(attempts.get(1).statusCode()).isEqualTo(200);
    assertThat(status("evt_hangs")).isEqualTo("succeeded");
  }

  @Test
  void anAnswerAfter16SecondsIsCutAt15AndRetriedOnTheSchedule() {
    startWorker(endpoints, log);
    enqueue(new MockResponse.Builder().code(503));
    enqueue(new MockResponse.Builder().code(200).headersDelay(16, TimeUnit.SECONDS));
    enqueue(new MockResponse.Builder().code(200));
    Endpoints.create(endpoints, VENDOR, url("/slower"));

    WorkflowStub run = publish("evt_16s");
    // Time runs for real until the second attempt is recorded, then skips to the next retry.
    waitUntil(() -> attempts("evt_16s").size() >= 2, Duration.ofSeconds(40));
    run.getResult(List.class);

    List<DeliveryLog.Attempt> attempts = attempts("evt_16s");
    assertThat(attempts).extracting(DeliveryLog.Attempt::attempt).containsExactly(1, 2, 3);
    assertThat(attempts.get(1).statusCode()).isNull();
    assertThat(attempts.get(1).error()).contains("timed out").contains("delivery timeout 15 s");
    assertThat(attempts.get(1).durationMs()).isBetween(15_000L, 15_900L);
    assertThat(attempts.get(2).statusCode()).isEqualTo(200);
    assertThat(receiver.getRequestCount()).isEqualTo(3);
    // The wait counts from the failure, which came when the attempt was cut, 15 s after its
    // request.
    List<Long> failures =
        List.of(requestTimes.get(1) + attempts.get(1).durationMs(), requestTimes.get(2));
    assertGap(failures, 0, Duration.ofMinutes(5));
    assertThat(status("evt_16s")).isEqualTo("succeeded");
  }

  @Test
  void headersThenATrickledBodyIsASuccessCutAtTheBudget() {
    DeliveryLog.Attempt attempt =
        retriedSlowSuccess(
            "evt_trickle",
            new MockResponse.Builder()
                .code(200)
                .body("y".repeat(4_000))
                .throttleBody(10, 1, TimeUnit.SECONDS));

    assertThat(attempt.statusCode()).isEqualTo(200);
    assertThat(attempt.error()).isNull();
    assertThat(attempt.durationMs()).isBetween(14_500L, 16_000L);
    assertThat(attempt.responseExcerpt()).isNotEmpty().hasSizeLessThan(400).matches("y+");
  }

  @Test
  void anEndlessBodyEndsAsOneBoundedAttempt() throws Exception {
    startWorker(endpoints, log);
    try (RawReceiver endless = RawReceiver.endlessBody()) {
      Endpoints.create(endpoints, VENDOR, endless.url());

      publish("evt_endless").getResult(List.class);

      DeliveryLog.Attempt attempt = onlyAttempt("evt_endless");
      assertThat(attempt.statusCode()).isEqualTo(200);
      assertThat(attempt.responseExcerpt()).hasSize(1024);
      assertThat(attempt.durationMs()).isLessThan(5_000);
    }
  }

  @Test
  void aDeliveredWebhookIsPostedOnceWhenItsAttemptCannotBeRecorded() {
    AtomicInteger refused = new AtomicInteger();
    startWorker(endpoints, failingLog(refused, Integer.MAX_VALUE));
    enqueue(new MockResponse.Builder().code(200));
    Endpoints.create(endpoints, VENDOR, url("/ok"));

    List<?> results = publish("evt_unrecorded").getResult(List.class);

    assertThat(results).hasSize(1);
    assertThat(results.get(0).toString()).contains("SUCCEEDED");
    assertThat(receiver.getRequestCount()).isEqualTo(1);
    assertThat(refused.get()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void anAttemptRecordRefusedAtFirstIsWrittenLaterApartFromTheDelivery() {
    AtomicInteger refused = new AtomicInteger();
    startWorker(endpoints, failingLog(refused, 2));
    enqueue(new MockResponse.Builder().code(200).body("fine"));
    Endpoints.create(endpoints, VENDOR, url("/ok"));

    publish("evt_late").getResult(List.class);

    assertThat(receiver.getRequestCount()).isEqualTo(1);
    waitUntil(() -> "succeeded".equals(status("evt_late")), Duration.ofSeconds(10));
    DeliveryLog.Attempt attempt = onlyAttempt("evt_late");
    assertThat(attempt.statusCode()).isEqualTo(200);
    assertThat(attempt.responseExcerpt()).isNull(); // written again without the excerpt
  }

  @Test
  void anUnexpectedExceptionRetriesOnTheScheduleNotTheSdkBackoff() {
    List<Long> tries = new CopyOnWriteArrayList<>();
    EndpointStore broken =
        new EndpointStore(jdbc, new SecretCipher(Endpoints.KEYS)) {
          @Override
          public ForDelivery findForDelivery(String vendorId, String id, String eventId) {
            tries.add(env.currentTimeMillis());
            if (tries.size() <= 3) {
              throw new IllegalStateException("the endpoint could not be read");
            }
            return super.findForDelivery(vendorId, id, eventId);
          }
        };
    startWorker(broken, log);
    enqueue(new MockResponse.Builder().code(200));
    Endpoints.create(endpoints, VENDOR, url("/ok"));

    publish("evt_unexpected").getResult(List.class);

    assertThat(tries).hasSize(4);
    // The schedule: 5 s, 5 min, 30 min (±10 %); the SDK's backoff would be 5 s, 10 s, 20 s.
    assertGap(tries, 0, Duration.ofSeconds(5));
    assertGap(tries, 1, Duration.ofMinutes(5));
    assertGap(tries, 2, Duration.ofMinutes(30));
    assertThat(receiver.getRequestCount()).isEqualTo(1);
    assertThat(onlyAttempt("evt_unexpected").attempt()).isEqualTo(4);
  }

  @Test
  void aHeaderHttpCannotSendIsRecordedAsAFailedAttemptAndRetriedOnTheSchedule() {
    startWorker(endpoints, log);
    Instant now = Instant.now();
    endpoints.insert(
        Endpoint.newBuilder(now)
            .setId("ep_cafe")
            .setVendorId(VENDOR)
            .setUrl(url("/cafe"))
            .setEvents(List.of(Endpoint.ALL_EVENTS))
            .setHeaders(Map.of("X-Api-Key", "café-s3cret"))
            .setSecret(io.billhook.core.ids.RandomIds.newSecret())
            .build());

    WorkflowStub run = publish("evt_cafe");
    try {
      run.getResult(List.class);
    } catch (WorkflowFailedException expected) {
      // every attempt fails the same way
    }

    List<DeliveryLog.Attempt> attempts = attempts("evt_cafe");
    assertThat(attempts).hasSize(RetrySchedule.DEFAULT.maxAttempts());
    assertThat(attempts)
        .allSatisfy(
            a -> {
              assertThat(a.statusCode()).isNull();
              assertThat(a.error()).contains("header 'X-Api-Key' cannot be sent");
              assertThat(a.error()).doesNotContain("caf").doesNotContain("s3cret");
            });
    assertThat(receiver.getRequestCount()).isZero();
    assertThat(status("evt_cafe")).isEqualTo("failed");
  }

  @Test
  void a410DisablesTheEndpointAndEndsTheDeliveryAtOnce() {
    startWorker(endpoints, log);
    enqueue(new MockResponse.Builder().code(410));
    Endpoint endpoint = Endpoints.create(endpoints, VENDOR, url("/gone"));

    assertThatThrownBy(() -> publish("evt_gone").getResult(List.class))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .hasMessageContaining("HTTP 410")
        .hasMessageContaining("endpoint disabled");

    assertThat(receiver.getRequestCount()).isEqualTo(1);
    Endpoint after = endpoints.find(VENDOR, endpoint.id()).orElseThrow();
    assertThat(after.enabled()).isFalse();
    assertThat(after.disabledReason()).contains("410");
    assertThat(status("evt_gone")).isEqualTo("failed");
  }

  @Test
  void anEndpointTheVendorDisablesMidRetryIsNotPostedToAgain() {
    startWorker(endpoints, log);
    enqueue(new MockResponse.Builder().code(503));
    enqueue(new MockResponse.Builder().code(200));
    Endpoint endpoint = Endpoints.create(endpoints, VENDOR, url("/flapping"));

    WorkflowStub run = publish("evt_flap");
    // Time runs for real until the first attempt is recorded, then skips to the retry.
    waitUntil(() -> !attempts("evt_flap").isEmpty(), Duration.ofSeconds(10));
    endpoints.disable(VENDOR, endpoint.id(), "disabled by the vendor", Instant.now());

    assertThatThrownBy(() -> run.getResult(List.class))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .hasMessageContaining("endpoint is disabled");
    assertThat(receiver.getRequestCount()).isEqualTo(1);
    assertThat(status("evt_flap")).isEqualTo("failed");
  }

  @Test
  void aRetryAfterLongerThanTheScheduleIsHonoured() {
    startWorker(endpoints, log);
    enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600"));
    enqueue(new MockResponse.Builder().code(200));
    Endpoints.create(endpoints, VENDOR, url("/busy"));

    publish("evt_busy").getResult(List.class);

    assertThat(Duration.ofMillis(requestTimes.get(1) - requestTimes.get(0)))
        .isBetween(Duration.ofHours(1), Duration.ofHours(1).plusSeconds(5));
    assertThat(status("evt_busy")).isEqualTo("succeeded");
  }

  /**
   * Delivers an event to one endpoint that refuses the first attempt (which has a few seconds only)
   * and takes real seconds to answer the second, and returns that second attempt after the delivery
   * succeeded. Temporal's clock does not skip while nothing awaits the run's result, so the wait
   * for the recorded success lets the answer arrive in real time.
   */
  private DeliveryLog.Attempt retriedSlowSuccess(String eventId, MockResponse.Builder answer) {
    startWorker(endpoints, log);
    enqueue(new MockResponse.Builder().code(503));
    enqueue(answer);
    Endpoints.create(endpoints, VENDOR, url("/" + eventId));

    WorkflowStub run = publish(eventId);
    waitUntil(() -> "succeeded".equals(status(eventId)), Duration.ofSeconds(40));
    run.getResult(List.class);

    assertThat(receiver.getRequestCount()).isEqualTo(2);
    List<DeliveryLog.Attempt> attempts = attempts(eventId);
    assertThat(attempts).extracting(DeliveryLog.Attempt::attempt).containsExactly(1, 2);
    return attempts.get(1);
  }

  private DeliveryLog failingLog(AtomicInteger refused, int refusals) {
    return new DeliveryLog(jdbc, Endpoints.DATA) {
      @Override
      public void recordAttempt(DeliveryRequest request, int attempt, AttemptOutcome outcome) {
        refuseOr(() -> super.recordAttempt(request, attempt, outcome));
      }

      @Override
      public void recordLastAttempt(
          DeliveryRequest request, int attempt, AttemptOutcome outcome, DeliveryStatus status) {
        refuseOr(() -> super.recordLastAttempt(request, attempt, outcome, status));
      }

      private void refuseOr(Runnable write) {
        if (refused.incrementAndGet() <= refusals) {
          throw new org.springframework.dao.DataIntegrityViolationException("refused");
        }
        write.run();
      }
    };
  }

  private static void assertGap(List<Long> times, int after, Duration scheduled) {
    Duration gap = Duration.ofMillis(times.get(after + 1) - times.get(after));
    assertThat(gap)
        .as("wait after try %d", after + 1)
        .isBetween(
            scheduled.multipliedBy(9).dividedBy(10),
            scheduled.multipliedBy(11).dividedBy(10).plusSeconds(1));
  }

  private void enqueue(MockResponse.Builder response) {
    receiver.enqueue(response.build());
  }

  private WorkflowStub publish(String eventId) {
    EventPublisher publisher =
        new EventPublisher(
            endpoints,
            new EventStore(jdbc, TestDatabase.transactions(), Endpoints.DATA),
            env.getWorkflowClient(),
            RetrySchedule.DEFAULT);
    publisher.publish(
        VENDOR,
        Envelope.of(eventId, "payment.received", Instant.now(), StrictJsonParser.parse("{}")));
    return env.getWorkflowClient()
        .newUntypedWorkflowStub(EventDeliveryWorkflow.workflowId(VENDOR, eventId));
  }

  private String url(String path) {
    return receiver.url(path).toString();
  }

  private List<DeliveryLog.Attempt> attempts(String eventId) {
    return log.attemptsOfEvent(VENDOR, eventId);
  }

  private DeliveryLog.Attempt onlyAttempt(String eventId) {
    List<DeliveryLog.Attempt> attempts = attempts(eventId);
    assertThat(attempts).hasSize(1);
    return attempts.get(0);
  }

  private String status(String eventId) {
    List<EventStore.Delivery> deliveries =
        new EventStore(jdbc, TestDatabase.transactions(), Endpoints.DATA)
            .deliveries(VENDOR, eventId);
    return deliveries.isEmpty() ? null : deliveries.get(0).status();
  }

  private static void waitUntil(BooleanSupplier condition, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + within);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
