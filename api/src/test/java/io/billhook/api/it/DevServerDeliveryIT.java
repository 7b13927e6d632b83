package io.billhook.api.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import io.billhook.core.embedded.Poll;
import io.billhook.testkit.Receiver;
import io.billhook.testkit.Receiver.Delivery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged app against a real Temporal server ({@code temporal server start-dev}): deliveries
 * land signed, lifecycle timers fire on time, and a receiver that was down gets everything.
 */
@ExtendWith(SharedStack.class)
@Timeout(180)
class DevServerDeliveryIT {
  @AutoClose private final Receiver receiver = Receiver.start();
  private final Stack stack;
  private final Vendors vendor;

  DevServerDeliveryIT(Stack stack) {
    this.stack = stack;
    this.vendor = Vendors.fresh(stack.api(), "deliver");
  }

  @Test
  void aReportedEventReachesTheReceiverSignedForBothKindsOfVerifier() throws Exception {
    String secret = vendor.endpoint(receiver.url("/hook")).path("secret").asText();

    JsonNode envelope =
        vendor.accepted("evt_dev_1", "payment.received", "{\"customerId\":\"c1\",\"amount\":30}");

    Delivery delivery = receiver.awaitAccepted("payment.received", Duration.ofSeconds(30));
    assertThat(delivery.json()).isEqualTo(envelope);
    assertThat(delivery.eventId()).isEqualTo("evt_dev_1");
    assertThatCode(() -> new Webhook(secret).verify(delivery.body(), delivery.headers()))
        .doesNotThrowAnyException();
    assertThat(delivery.header("X-Webhook-Signature")).isEqualTo(hexHmac(secret, delivery.body()));
    JsonNode event = vendor.awaitEventStatus("evt_dev_1", "succeeded", Duration.ofSeconds(20));
    assertThat(event.path("deliveries").get(0).path("attempts").get(0).path("statusCode").asInt())
        .isEqualTo(200);
  }

  @Test
  void aTrialWarnsThenExpiresOnTimeThroughTheRealServer() {
    vendor.endpoint(receiver.url("/hook"));
    vendor.settings("{\"trialExpiringLead\":\"PT4S\",\"renewalGrace\":\"PT3S\"}");
    Instant trialEnd = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);

    vendor.accepted(
        null,
        "trial.started",
        "{\"trialId\":\"t1\",\"customerId\":\"c1\",\"trialEnd\":\"" + trialEnd + "\"}");

    receiver.awaitAccepted("trial.started", Duration.ofSeconds(20));
    Delivery expiring = receiver.awaitAccepted("trial.expiring", Duration.ofSeconds(30));
    Delivery expired = receiver.awaitAccepted("trial.expired", Duration.ofSeconds(30));
    assertOnTime(expiring, trialEnd.minusSeconds(4));
    assertOnTime(expired, trialEnd);
    assertThat(expired.json().path("data").path("reason").asText()).isEqualTo("trial_ended");
    assertThat(stack.api().get(vendor.path("/trials/t1")).json().path("status").asText())
        .isEqualTo("expired");
  }

  @Test
  void aReceiverThatRefusedConnectionsForAWhileGetsEveryEventOnceItIsBack() {
    Receiver down = Receiver.down();
    try {
      vendor.endpoint(down.url("/hook"));
      List<String> ids = IntStream.range(0, 5).mapToObj(i -> "evt_refused_" + i).toList();
      ids.forEach(id -> vendor.accepted(id, "invoice.created", "{\"n\":1}"));
      awaitFailedAttempts(ids.get(0), 2);

      down.listen();

      ids.forEach(id -> vendor.awaitEventStatus(id, "succeeded", Duration.ofSeconds(60)));
      assertThat(down.acceptedIds()).containsExactlyInAnyOrderElementsOf(ids);
      JsonNode attempts = vendor.event(ids.get(0)).path("deliveries").get(0).path("attempts");
      assertThat(attempts.get(0).path("statusCode").asInt()).isZero();
      assertThat(attempts.get(0).path("error").asText()).contains("Failed to connect");
      assertThat(attempts.get(attempts.size() - 1).path("statusCode").asInt()).isEqualTo(200);
    } finally {
      down.close();
    }
  }

  private void awaitFailedAttempts(String eventId, int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode attempts = vendor.event(eventId).path("deliveries").path(0).path("attempts");
      if (attempts.size() >= count) {
        return;
      }
      Poll.sleep(200);
    }
    throw new AssertionError(
        eventId + " did not fail " + count + " times: " + vendor.event(eventId));
  }

  /** Not before its time (the server's timer) and at most 2 s after it (delivery included). */
  private static void assertOnTime(Delivery delivery, Instant due) {
    assertThat(Duration.between(due, delivery.arrivedAt()))
        .as("%s arrived at %s, due %s", delivery.type(), delivery.arrivedAt(), due)
        .isBetween(Duration.ofMillis(-50), Duration.ofSeconds(2));
  }

  private static String hexHmac(String secret, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }
}
