package io.billhook.core.testing;

import io.billhook.core.delivery.DeliveryActivitiesImpl;
import io.billhook.core.delivery.DeliveryLog;
import io.billhook.core.embedded.Poll;
import io.billhook.core.endpoints.Endpoint;
import io.billhook.core.endpoints.EndpointStore;
import io.billhook.core.events.Envelope;
import io.billhook.core.events.EventPublisher;
import io.billhook.core.events.EventStore;
import io.billhook.core.events.StrictJsonParser;
import io.billhook.core.redelivery.RunStarter;
import io.billhook.workflows.SearchAttributes;
import io.billhook.workflows.delivery.EventDeliveryWorkflow;
import io.billhook.workflows.delivery.RetrySchedule;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Delivery as it runs for real, in real time: Temporal's test server with the delivery workflow and
 * activities, an emptied PostgreSQL, and a receiver on loopback that answers every request with the
 * status {@link #answer} sets (200 at first) and keeps each request. Retries follow a short
 * schedule: two attempts, 200 ms apart.
 */
public final class DeliveryStack implements AutoCloseable {
  public static final String VENDOR = "acme";
  public static final RetrySchedule SCHEDULE = new RetrySchedule(List.of(Duration.ofMillis(200)));

  public final JdbcClient jdbc = TestDatabase.jdbc();
  public final EndpointStore endpoints = Endpoints.store(jdbc);
  public final EventStore events =
      new EventStore(jdbc, TestDatabase.transactions(), Endpoints.DATA);
  public final DeliveryLog log = new DeliveryLog(jdbc, Endpoints.DATA);
  public final List<RecordedRequest> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private final Map<String, Integer> statusByPath = new ConcurrentHashMap<>();
  private final MockWebServer receiver = new MockWebServer();
  private final TestWorkflowEnvironment env;
  public final EventPublisher publisher;
  public final DeliveryActivitiesImpl activities;
  public final RunStarter runs;

  public DeliveryStack() {
    TestDatabase.clear();
    jdbc.sql("TRUNCATE endpoint_failures").update();
    receiver.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            received.add(request);
            int code = statusByPath.getOrDefault(request.getTarget(), status.get());
            return new MockResponse.Builder().code(code).build();
          }
        });
    try {
      receiver.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    for (var attribute : SearchAttributes.ALL) {
      env.registerSearchAttribute(attribute.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    activities = TestDeliveries.activities(endpoints, log, events, SCHEDULE, Duration.ofSeconds(5));
    TestDeliveries.start(env, activities);
    publisher = new EventPublisher(endpoints, events, env.getWorkflowClient(), SCHEDULE);
    runs = new RunStarter(publisher, events);
  }

  /** Every request from now on is answered with {@code code}. */
  public void answer(int code) {
    status.set(code);
  }

  /** Every request to {@code path} from now on is answered with {@code code}. */
  public void answer(String path, int code) {
    statusByPath.put(path, code);
  }

  public Endpoint endpoint(String path, String... events) {
    Endpoint endpoint = Endpoints.create(endpoints, VENDOR, receiver.url(path).toString());
    if (events.length > 0) {
      endpoint = endpoint.toBuilder().setEvents(List.of(events)).build();
      endpoints.update(endpoint);
    }
    return endpoint;
  }

  /** Reports a payment.received with this id, delivered to every subscribed endpoint. */
  public void publish(String eventId) {
    publisher.publish(
        VENDOR,
        Envelope.of(eventId, "payment.received", Instant.now(), StrictJsonParser.parse("{}")));
  }

  /** The status of the event's delivery to the endpoint. */
  public String status(String eventId, String endpointId) {
    return events.deliveries(VENDOR, eventId).stream()
        .filter(d -> d.endpointId().equals(endpointId))
        .findFirst()
        .orElseThrow()
        .status();
  }

  /** Waits for every delivery of the event to have ended, and its run to have closed. */
  public void awaitSettled(String eventId) {
    waitUntil(
        () -> events.pendingTargets(VENDOR, eventId).isEmpty() && !runOpen(eventId),
        Duration.ofSeconds(20));
  }

  private boolean runOpen(String eventId) {
    return client()
            .newUntypedWorkflowStub(EventDeliveryWorkflow.workflowId(VENDOR, eventId))
            .describe()
            .getStatus()
        == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  public WorkflowClient client() {
    return env.getWorkflowClient();
  }

  /** The requests to {@code path}. */
  public List<RecordedRequest> receivedAt(String path) {
    return received.stream().filter(r -> r.getTarget().equals(path)).toList();
  }

  public static void waitUntil(BooleanSupplier condition, Duration within) {
    if (!Poll.until(within, 50, condition)) {
      throw new AssertionError("condition not met within " + within);
    }
  }

  @Override
  public void close() {
    runs.close();
    env.close();
    receiver.close();
  }
}
