package io.billhook.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.api.testing.ApiClient;
import io.billhook.core.embedded.Poll;
import io.billhook.testkit.Receiver;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Billhook SIGKILLed while deliveries are retrying and reports are coming in, then started again:
 * nothing it accepted is lost, and nothing it was never told about is sent.
 */
@Timeout(300)
class AppCrashIT {
  /** About three minutes of retrying, so that no delivery gives up while the app is down. */
  private static final String PATIENT_RETRIES = "PT1S,PT2S" + ",PT3S".repeat(60);

  @AutoClose private static final Receiver receiver = Receiver.start();
  @AutoClose private static Stack stack;

  @BeforeAll
  static void start() {
    stack = Stack.start("app-crash", true, Map.of("BILLHOOK_RETRY_SCHEDULE", PATIENT_RETRIES));
  }

  @Test
  void everyAcceptedEventIsDeliveredAfterTheAppIsKilledMidRetryAndRestarted() throws Exception {
    receiver.answer(503);
    Vendors vendor = Vendors.fresh(stack.api(), "crash");
    vendor.endpoint(receiver.url("/hook"));
    Set<String> reported = ConcurrentHashMap.newKeySet();
    Set<String> accepted = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < 10; i++) {
      String id = "evt_before_" + i;
      reported.add(id);
      vendor.accepted(id, "payment.received", "{\"n\":" + i + "}");
      accepted.add(id);
    }
    receiver.await("a refused attempt", d -> d.answered() == 503, Duration.ofSeconds(30));

    Reporter reporter = new Reporter(stack.api(), vendor, reported, accepted);
    reporter.start();
    Poll.sleep(1500);
    stack.app.kill();
    long killedAt = System.nanoTime();
    Poll.sleep(2000);
    stack.app.start();
    System.out.printf(
        "app down for %.1f s (kill to healthy)%n", (System.nanoTime() - killedAt) / 1e9);
    Poll.sleep(1500);
    reporter.stop();
    assertThat(reporter.failures)
        .as("reports that got no answer while the app was down")
        .isNotEmpty();

    // A billing system retries what got no 2xx; the same id is answered, never doubled.
    for (String id : reported) {
      if (!accepted.contains(id)) {
        int status = vendor.report(id, "payment.received", "{\"retried\":true}").status();
        assertThat(status).as("retried report of %s", id).isIn(200, 202);
        accepted.add(id);
      }
    }
    receiver.answer(200);
    long recovering = System.nanoTime();
    receiver.awaitAcceptedAll(reported, Duration.ofSeconds(150));

    Set<String> seen =
        receiver.all().stream().map(Receiver.Delivery::eventId).collect(Collectors.toSet());
    assertThat(reported).as("reported during the run").hasSizeGreaterThan(20);
    assertThat(seen).as("ids the receiver saw").isSubsetOf(reported);
    assertThat(receiver.acceptedIds()).containsAll(accepted);
    reported.forEach(id -> vendor.awaitEventStatus(id, "succeeded", Duration.ofSeconds(30)));
    Map<String, Long> landed =
        receiver.all().stream()
            .filter(d -> d.answered() == 200)
            .collect(Collectors.groupingBy(Receiver.Delivery::eventId, Collectors.counting()));
    System.out.printf(
        "reported %d events (%d accepted before the retry of unanswered ones, %d reports failed);"
            + " all landed %.1f s after the receiver recovered; %d landed more than once%n",
        reported.size(),
        reporter.acceptedDuringCrash(),
        reporter.failures.size(),
        (System.nanoTime() - recovering) / 1e9,
        landed.values().stream().filter(n -> n > 1).count());
  }

  /** Reports events one after another, as a billing system would, through the crash. */
  private static final class Reporter {
    private final ApiClient api;
    private final Vendors vendor;
    private final Set<String> reported;
    private final Set<String> accepted;
    private final Set<String> acceptedHere = new HashSet<>();
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    Reporter(ApiClient api, Vendors vendor, Set<String> reported, Set<String> accepted) {
      this.api = api;
      this.vendor = vendor;
      this.reported = reported;
      this.accepted = accepted;
      this.thread = new Thread(this::run, "reporter");
    }

    void start() {
      thread.start();
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join(30_000);
    }

    synchronized int acceptedDuringCrash() {
      return acceptedHere.size();
    }

    private void run() {
      for (int i = 0; running.get(); i++) {
        String id = "evt_during_" + i;
        reported.add(id);
        try {
          int status =
              api.send(
                      api.request(vendor.path("/events"))
                          .timeout(Duration.ofSeconds(10))
                          .POST(
                              HttpRequest.BodyPublishers.ofString(
                                  "{\"id\":\""
                                      + id
                                      + "\",\"type\":\"payment.received\",\"data\":{\"n\":"
                                      + i
                                      + "}}")))
                  .status();
          if (status / 100 == 2) {
            accepted.add(id);
            synchronized (this) {
              acceptedHere.add(id);
            }
          } else {
            failures.add(id + ": HTTP " + status);
          }
        } catch (RuntimeException noAnswer) {
          failures.add(id + ": " + noAnswer.getMessage());
          Poll.sleep(200);
        }
        Poll.sleep(100);
      }
    }
  }
}
