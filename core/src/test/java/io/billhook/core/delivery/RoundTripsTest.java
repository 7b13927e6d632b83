package io.billhook.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.core.endpoints.Endpoint;
import io.billhook.core.endpoints.EndpointStore;
import io.billhook.core.events.Envelope;
import io.billhook.core.events.EventPublisher;
import io.billhook.core.events.EventStore;
import io.billhook.core.events.StrictJsonParser;
import io.billhook.core.metrics.DeliveryMetrics;
import io.billhook.core.testing.Endpoints;
import io.billhook.core.testing.TestDatabase;
import io.billhook.core.testing.TestDeliveries;
import io.billhook.workflows.SearchAttributes;
import io.billhook.workflows.delivery.DeliveryActivities;
import io.billhook.workflows.delivery.DeliveryRequest;
import io.billhook.workflows.delivery.DeliveryStatus;
import io.billhook.workflows.delivery.RetrySchedule;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestWorkflowEnvironment;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * What an event and an attempt ask of PostgreSQL, counted in statements (each one round trip): an
 * accepted event reads its subscribers and stores itself with its deliveries; an attempt reads its
 * delivery's status, its endpoint and the event at once, and records itself (its metrics included).
 */
class RoundTripsTest {
  private static final String VENDOR = "acme";
  private static final Set<String> STATEMENTS =
      Set.of("prepareStatement", "createStatement", "prepareCall");

  private final AtomicInteger statements = new AtomicInteger();
  private final Counting database = new Counting(TestDatabase.dataSource());
  private final JdbcClient jdbc = JdbcClient.create(database);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final DeliveryMetrics metrics =
      new DeliveryMetrics(
          new StaticListableBeanFactory(Map.of("registry", registry))
              .getBeanProvider(MeterRegistry.class),
          new JdbcTemplate(database));
  private final EndpointStore endpoints = Endpoints.store(jdbc);
  private final EventStore events =
      new EventStore(jdbc, TestDatabase.transactions(), Endpoints.DATA);
  private final MockWebServer receiver = new MockWebServer();
  private TestWorkflowEnvironment temporal;
  private final TestActivityEnvironment attempts = TestActivityEnvironment.newInstance();

  @BeforeEach
  void setUp() throws Exception {
    TestDatabase.clear();
    receiver.start();
    temporal = TestWorkflowEnvironment.newInstance();
    for (var attribute : SearchAttributes.ALL) {
      temporal.registerSearchAttribute(
          attribute.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
  }

  @AfterEach
  void tearDown() {
    temporal.close();
    attempts.close();
    receiver.close();
  }

  @Test
  void anEventTakesTwoStatementsAndEachAttemptTwo() {
    Endpoint first = Endpoints.create(endpoints, VENDOR, receiver.url("/a").toString());
    Endpoint second = Endpoints.create(endpoints, VENDOR, receiver.url("/b").toString());
    EventPublisher publisher =
        new EventPublisher(endpoints, events, temporal.getWorkflowClient(), RetrySchedule.DEFAULT);
    Envelope envelope =
        Envelope.of("evt_1", "payment.received", Instant.now(), StrictJsonParser.parse("{}"));

    statements.set(0);
    assertThat(publisher.publish(VENDOR, envelope).created()).isTrue();
    assertThat(statements).hasValue(2);

    DeliveryActivities activities = activities();
    for (Endpoint endpoint : new Endpoint[] {first, second}) {
      receiver.enqueue(new MockResponse.Builder().code(200).build());
      statements.set(0);
      assertThat(activities.deliver(request(envelope, endpoint)).status())
          .isEqualTo(DeliveryStatus.SUCCEEDED);
      assertThat(statements).hasValue(2);
    }
    // The delivery latency was measured from the event's acceptance, read with the attempt.
    assertThat(registry.get("billhook.delivery.latency").timer().count()).isEqualTo(2);
  }

  private DeliveryActivities activities() {
    attempts.registerActivitiesImplementations(
        TestDeliveries.activities(
            endpoints,
            new DeliveryLog(jdbc, Endpoints.DATA),
            events,
            RetrySchedule.DEFAULT,
            Duration.ofSeconds(5),
            metrics));
    return attempts.newActivityStub(
        DeliveryActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  private static DeliveryRequest request(Envelope envelope, Endpoint endpoint) {
    return new DeliveryRequest(
        VENDOR, envelope.id(), envelope.type(), endpoint.id(), null, 3, null, 1);
  }

  /** Counts the statements prepared on its connections. */
  private final class Counting extends DelegatingDataSource {
    Counting(javax.sql.DataSource target) {
      super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection connection = super.getConnection();
      return (Connection)
          Proxy.newProxyInstance(
              Connection.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              (proxy, method, args) -> {
                if (STATEMENTS.contains(method.getName())) {
                  statements.incrementAndGet();
                }
                try {
                  return method.invoke(connection, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }
  }
}
