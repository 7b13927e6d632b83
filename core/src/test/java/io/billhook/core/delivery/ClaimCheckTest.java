package io.billhook.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billhook.core.endpoints.Endpoint;
import io.billhook.core.endpoints.EndpointStore;
import io.billhook.core.events.Envelope;
import io.billhook.core.events.EventStore;
import io.billhook.core.events.StoredBodies;
import io.billhook.core.events.StrictJsonParser;
import io.billhook.core.testing.Endpoints;
import io.billhook.core.testing.TestDatabase;
import io.billhook.core.testing.TestDeliveries;
import io.billhook.workflows.delivery.DeliveryActivities;
import io.billhook.workflows.delivery.DeliveryRequest;
import io.billhook.workflows.delivery.DeliveryTarget;
import io.billhook.workflows.delivery.RetrySchedule;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs carry an event's ids, not its data: each attempt reads the envelope from PostgreSQL. A run
 * recorded with its body still sends that body; an event whose data is gone fails for good; and
 * nothing a receiver answers ends up in the failure Temporal keeps.
 */
class ClaimCheckTest {
  private static final String VENDOR = "acme";
  private static final String PASSWORD = "hunter2-iptv-password";

  private final MockWebServer receiver = new MockWebServer();
  private final JdbcClient jdbc = TestDatabase.jdbc();
  private final EventStore events =
      new EventStore(jdbc, TestDatabase.transactions(), Endpoints.DATA);
  private final EndpointStore endpoints = Endpoints.store(jdbc);
  private final DeliveryLog log = new DeliveryLog(jdbc, Endpoints.DATA);
  private TestActivityEnvironment env;
  private DeliveryActivities activities;

  @BeforeEach
  void setUp() throws IOException {
    TestDatabase.clear();
    receiver.start();
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        TestDeliveries.activities(
            endpoints, log, events, RetrySchedule.DEFAULT, Duration.ofSeconds(5)));
    activities =
        env.newActivityStub(
            DeliveryActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void tearDown() {
    env.close();
    receiver.close();
  }

  @Test
  void aRequestWithoutABodySendsTheStoredEnvelopeByteForByte() throws Exception {
    Endpoint endpoint = Endpoints.create(endpoints, VENDOR, receiver.url("/hook").toString());
    Envelope envelope = accept("evt_1", endpoint);
    receiver.enqueue(new MockResponse.Builder().code(200).build());

    activities.deliver(request("evt_1", endpoint, null));

    RecordedRequest sent = receiver.takeRequest();
    assertThat(sent.getBody().utf8()).isEqualTo(envelope.body()).contains(PASSWORD);
    assertThat(status("evt_1")).isEqualTo("succeeded");
  }

  @Test
  void aRequestRecordedWithItsBodyStillSendsThatBody() throws Exception {
    Endpoint endpoint = Endpoints.create(endpoints, VENDOR, receiver.url("/hook").toString());
    String carried = envelope("evt_old").body();
    receiver.enqueue(new MockResponse.Builder().code(200).build());

    activities.deliver(request("evt_old", endpoint, carried));

    assertThat(receiver.takeRequest().getBody().utf8()).isEqualTo(carried);
  }

  @Test
  void anEventWhoseDataWasPurgedFailsForGoodAndIsNeverPosted() {
    Endpoint endpoint = Endpoints.create(endpoints, VENDOR, receiver.url("/hook").toString());
    events.insert(VENDOR, envelope("evt_purged"), List.of());
    events.purgeBodies(Instant.now().plusSeconds(60), 10, purged -> {});

    assertThatThrownBy(() -> activities.deliver(request("evt_purged", endpoint, null)))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getType()).isEqualTo(StoredBodies.GONE);
              assertThat(failure.getOriginalMessage())
                  .contains("evt_purged")
                  .contains("purged by retention");
            });
    assertThat(receiver.getRequestCount()).isZero();
  }

  @Test
  void anEventThatWasNeverStoredFailsForGoodAndItsDeliveryIsFailed() {
    Endpoint endpoint = Endpoints.create(endpoints, VENDOR, receiver.url("/hook").toString());
    Envelope envelope = accept("evt_gone", endpoint);
    jdbc.sql("UPDATE events SET purged_at = now() WHERE id = ?").params(envelope.id()).update();

    assertThatThrownBy(() -> activities.deliver(request("evt_gone", endpoint, null)))
        .rootCause()
        .hasMessageContaining("event evt_gone has no data to send");
    assertThat(receiver.getRequestCount()).isZero();
    assertThat(status("evt_gone")).isEqualTo("failed");
  }

  @Test
  void aReceiverEchoingTheRequestInItsAnswerLeavesNoTraceInTheFailure() throws Exception {
    Endpoint endpoint = Endpoints.create(endpoints, VENDOR, receiver.url("/hook").toString());
    accept("evt_echo", endpoint);
    receiver.enqueue(new MockResponse.Builder().code(500).body("you sent: " + PASSWORD).build());

    assertThatThrownBy(() -> activities.deliver(request("evt_echo", endpoint, null)))
        .isInstanceOf(ActivityFailure.class)
        .satisfies(f -> assertThat(causes(f)).contains("HTTP 500").doesNotContain(PASSWORD));
    // The excerpt is kept where retention purges it: the record.
    assertThat(log.attemptsOfEvent(VENDOR, "evt_echo").get(0).responseExcerpt()).contains(PASSWORD);
  }

  @Test
  void aReceiverEchoingTheRequestAsItsStatusLineLeavesNoTraceAnywhere() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread echo = new Thread(() -> answerWithStatusLine(server, "HTTP/1.1 " + PASSWORD));
      echo.setDaemon(true);
      echo.start();
      Endpoint endpoint =
          Endpoints.create(endpoints, VENDOR, "http://127.0.0.1:" + server.getLocalPort() + "/");
      accept("evt_line", endpoint);

      assertThatThrownBy(() -> activities.deliver(request("evt_line", endpoint, null)))
          .satisfies(
              f ->
                  assertThat(causes(f))
                      .contains("invalid HTTP response (Unexpected status line)")
                      .doesNotContain(PASSWORD));
      assertThat(log.attemptsOfEvent(VENDOR, "evt_line").get(0).error()).doesNotContain(PASSWORD);
    }
  }

  private static void answerWithStatusLine(ServerSocket server, String line) {
    try (Socket socket = server.accept()) {
      InputStream in = socket.getInputStream();
      in.read(new byte[8192]);
      OutputStream out = socket.getOutputStream();
      out.write((line + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException closed) {
      // the client hung up
    }
  }

  private static String causes(Throwable failure) {
    StringBuilder messages = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    return messages.toString();
  }

  private Envelope accept(String eventId, Endpoint endpoint) {
    Envelope envelope = envelope(eventId);
    events.insert(VENDOR, envelope, List.of(new DeliveryTarget(endpoint.id(), endpoint.url())));
    return envelope;
  }

  private static Envelope envelope(String eventId) {
    return Envelope.of(
        eventId,
        "customer.created",
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        StrictJsonParser.parse(
            "{\"customerId\":\"c1\",\"credentials\":{\"username\":\"jane\",\"password\":\""
                + PASSWORD
                + "\"}}"));
  }

  private static DeliveryRequest request(String eventId, Endpoint endpoint, String body) {
    return new DeliveryRequest(
        VENDOR, eventId, "customer.created", endpoint.id(), body, 3, null, 1);
  }

  private String status(String eventId) {
    return events.deliveries(VENDOR, eventId).stream()
        .map(EventStore.Delivery::status)
        .findFirst()
        .orElse(null);
  }
}
