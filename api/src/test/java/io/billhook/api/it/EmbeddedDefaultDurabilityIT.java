package io.billhook.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billhook.api.testing.ApiClient;
import io.billhook.api.testing.ApiClient.Response;
import io.billhook.core.embedded.Poll;
import io.billhook.testkit.Ports;
import io.billhook.testkit.Receiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's embedded default ({@code java -jar}, nothing configured but a data dir and ports),
 * crashed and restarted the ways a box goes down: SIGKILL of the JVM, of its whole process group, a
 * SIGTERM; then with Temporal's database gone. Every start works at the first try; timers fire once
 * (late ones at once), retries carry on, the token stays, nothing delivered is sent again.
 */
@Timeout(1200)
class EmbeddedDefaultDurabilityIT {
  /** Slow enough that a retry is due during every restart, long enough to outlast them all. */
  private static final String RETRIES = "PT5S" + ",PT5S".repeat(200);

  private static final Duration BOOT = Duration.ofSeconds(180);
  private static final Duration LEAD = Duration.ofSeconds(10);

  private final Path dataDir = ItEnvironment.dataDir("embedded");
  private Receiver happy;
  private Receiver failing;
  private BillhookProcess app;
  private String token;
  private String vendor;
  private final int uiPort = Ports.free();

  @BeforeEach
  void start() throws Exception {
    happy = Receiver.start();
    failing = Receiver.start();
    failing.answer(503);
    app =
        BillhookProcess.embedded(
            "embedded-default",
            dataDir,
            Map.of(
                "BILLHOOK_TEMPORAL_PORT",
                Integer.toString(Ports.free()),
                "BILLHOOK_TEMPORAL_UI_PORT",
                Integer.toString(uiPort),
                "BILLHOOK_RETRY_SCHEDULE",
                RETRIES,
                "BILLHOOK_RECONCILE_INTERVAL",
                "PT20S"));
    app.start();
    token = app.bannerToken();
    assertThat(token).as("the generated token in the banner").isNotNull();
    assertThat(Files.readString(dataDir.resolve("api-token")).strip()).isEqualTo(token);
    assertThat(temporalUiStatus()).as("the Temporal UI of the embedded default").isEqualTo(200);
    vendor = "/v1/vendors/durable-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void stop() {
    app.close();
    happy.close();
    failing.close();
  }

  @Test
  void timersAndRetriesSurviveEveryKindOfCrashAndTheTokenStays() throws Exception {
    endpoint(
        happy, "[\"payment.received\",\"trial.started\",\"trial.expiring\",\"trial.expired\"]");
    endpoint(failing, "[\"payment.failed\"]");
    ok(api().put(vendor + "/settings", "{\"trialExpiringLead\":\"PT10S\"}"));
    String delivered = accepted("payment.received");
    String retrying = accepted("payment.failed");
    happy.await("the first event", d -> delivered.equals(d.eventId()), Duration.ofSeconds(60));
    failing.await("a refused attempt", d -> retrying.equals(d.eventId()), Duration.ofSeconds(60));

    Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<Instant> trialEnds = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Instant end = base.plusSeconds(40 + 30L * i);
      trialEnds.add(end);
      report(
          "trial_" + i,
          "trial.started",
          "{\"trialId\":\"t"
              + i
              + "\",\"customerId\":\"c"
              + i
              + "\",\"trialEnd\":\""
              + end
              + "\"}");
    }

    app.kill();
    restartAndCheck(retrying);
    app.killGroup();
    restartAndCheck(retrying);
    assertThat(app.terminate()).as("exit code after SIGTERM").isIn(0, 143);
    restartAndCheck(retrying);

    Instant lastDue = trialEnds.get(trialEnds.size() - 1);
    Poll.sleep(Math.max(0, Duration.between(Instant.now(), lastDue).toMillis()) + 15_000);
    for (int i = 0; i < trialEnds.size(); i++) {
      assertFiredOnceNotEarly("t" + i, "trial.expiring", trialEnds.get(i).minus(LEAD));
      assertFiredOnceNotEarly("t" + i, "trial.expired", trialEnds.get(i));
    }
    assertThat(happy.all().stream().filter(d -> delivered.equals(d.eventId())))
        .as("the event delivered before the crashes, sent once")
        .hasSize(1);

    failing.answer(200);
    awaitStatus(retrying, "succeeded");
    assertLogComplete(retrying);
  }

  @Test
  void withTemporalsDatabaseGoneThePendingDeliveriesAreDrivenAndNothingIsSentTwice()
      throws Exception {
    endpoint(happy, "[\"payment.received\"]");
    endpoint(failing, "[\"payment.failed\"]");
    String delivered = accepted("payment.received");
    String pending = accepted("payment.failed");
    happy.await("the delivered event", d -> delivered.equals(d.eventId()), Duration.ofSeconds(60));
    failing.await("a refused attempt", d -> pending.equals(d.eventId()), Duration.ofSeconds(60));

    assertThat(app.terminate()).isIn(0, 143);
    try (Stream<Path> files = Files.list(dataDir.resolve("temporal"))) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().startsWith("temporal.db")).toList()) {
        Files.delete(file);
      }
    }
    int attemptsBefore = requestsFor(failing, pending);
    Instant restartedAt = Instant.now();
    app.start();
    assertThat(app.bannerToken()).isEqualTo(token);

    failing.await(
        "an attempt driven again by the reconciler",
        d -> pending.equals(d.eventId()) && d.arrivedAt().isAfter(restartedAt),
        Duration.ofSeconds(120));
    failing.answer(200);
    awaitStatus(pending, "succeeded");
    assertThat(requestsFor(failing, pending)).isGreaterThan(attemptsBefore);

    // The billing system repeats an accepted id: the original, and nothing sent again.
    Response repeat =
        api()
            .post(
                vendor + "/events",
                "{\"id\":\""
                    + delivered
                    + "\",\"type\":\"payment.received\",\"data\":{\"again\":true}}");
    assertThat(repeat.status()).as(repeat.body()).isEqualTo(200);
    assertThat(repeat.json().path("data").has("again")).isFalse();
    Poll.sleep(5_000);
    assertThat(happy.all().stream().filter(d -> delivered.equals(d.eventId())))
        .as("the delivered event, after Temporal lost it and its id was repeated")
        .hasSize(1);
    assertThat(event(delivered).path("status").asText()).isEqualTo("succeeded");
    assertLogComplete(pending);
  }

  /** Starts again (it must work at the first try) and checks what a user would check at once. */
  private void restartAndCheck(String retrying) {
    Instant restartedAt = Instant.now();
    app.start();
    assertThat(app.bannerToken()).as("the token after a restart").isEqualTo(token);
    assertThat(event(retrying).path("status").asText()).isEqualTo("pending");
    Response trial = api().get(vendor + "/trials/t9");
    assertThat(trial.status()).as("a trial read after a restart: " + trial.body()).isEqualTo(200);
    failing.await(
        "a retry after the restart",
        d -> retrying.equals(d.eventId()) && d.arrivedAt().isAfter(restartedAt),
        Duration.ofSeconds(60));
  }

  private int temporalUiStatus() throws Exception {
    return java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1)
        .build()
        .send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(
                        "http://127.0.0.1:" + uiPort + "/namespaces/default/workflows"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private void assertFiredOnceNotEarly(String trialId, String type, Instant due) {
    List<Receiver.Delivery> fired =
        happy.all().stream()
            .filter(d -> type.equals(d.type()))
            .filter(d -> trialId.equals(d.json().path("data").path("trialId").asText()))
            .toList();
    assertThat(fired).as("%s of %s (due %s)", type, trialId, due).hasSize(1);
    assertThat(fired.get(0).arrivedAt())
        .as("%s of %s not before it was due", type, trialId)
        .isAfterOrEqualTo(due.minusSeconds(1));
  }

  /** Every request the receiver got for this event is in the delivery log, and no more. */
  private void assertLogComplete(String eventId) {
    JsonNode attempts = event(eventId).path("deliveries").get(0).path("attempts");
    assertThat(attempts.size())
        .as("attempts logged for " + eventId)
        .isEqualTo(requestsFor(failing, eventId));
  }

  private static int requestsFor(Receiver receiver, String eventId) {
    return (int) receiver.all().stream().filter(d -> eventId.equals(d.eventId())).count();
  }

  private void awaitStatus(String eventId, String status) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!status.equals(event(eventId).path("status").asText())) {
      assertThat(System.nanoTime()).as(eventId + " never " + status).isLessThan(deadline);
      Poll.sleep(250);
    }
  }

  private ApiClient api() {
    return app.client(token);
  }

  private JsonNode event(String eventId) {
    Response read = api().get(vendor + "/events/" + eventId);
    assertThat(read.status()).as(read.body()).isEqualTo(200);
    return read.json();
  }

  private void endpoint(Receiver receiver, String events) {
    Response created =
        api()
            .post(
                vendor + "/endpoints",
                "{\"url\":\"" + receiver.url("/hook") + "\",\"events\":" + events + "}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  private String accepted(String type) {
    String id = "evt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    Response response = report(id, type, "{\"n\":1}");
    assertThat(response.status()).as(response.body()).isEqualTo(202);
    return id;
  }

  private Response report(String id, String type, String data) {
    Response response =
        api()
            .post(
                vendor + "/events",
                "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"data\":" + data + "}");
    assertThat(response.status()).as(response.body()).isIn(200, 202);
    return response;
  }

  private static void ok(Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(200);
  }
}
