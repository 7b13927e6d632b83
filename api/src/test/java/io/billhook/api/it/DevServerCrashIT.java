package io.billhook.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.core.embedded.Poll;
import io.billhook.testkit.Receiver;
import io.billhook.testkit.Receiver.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Temporal server itself SIGKILLed while trials and a subscription wait on their timers, and
 * restarted on the same SQLite file: every timed event still fires, once, on time if it was due
 * after the outage and promptly after it if it fell inside.
 */
@Timeout(300)
class DevServerCrashIT {
  @AutoClose private static final Receiver receiver = Receiver.start();
  @AutoClose private static Stack stack;

  @BeforeAll
  static void start() {
    stack = Stack.start("server-crash", true, Map.of());
  }

  @Test
  void timedEventsStillFireOnceAfterTheServerIsKilledAndRestartedOnItsDatabase() {
    Vendors vendor = Vendors.fresh(stack.api(), "outage");
    vendor.endpoint(receiver.url("/hook"));
    vendor.settings("{\"trialExpiringLead\":\"PT4S\",\"renewalGrace\":\"PT3S\"}");
    Instant t0 = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
    Instant inside = t0.plusSeconds(14); // expiring at +10, expired at +14: during the outage
    Instant after = t0.plusSeconds(40); // expiring at +36, expired at +40: well after it
    Instant periodEnd = t0.plusSeconds(30); // expired at +33 after the 3 s grace
    trial(vendor, "tri_inside", inside);
    trial(vendor, "tri_after", after);
    vendor.accepted(
        null,
        "subscription.created",
        "{\"subscriptionId\":\"sub_after\",\"customerId\":\"cus_1\",\"currentPeriodEnd\":\""
            + periodEnd
            + "\"}");
    receiver.await("the reports", d -> receiver.all().size() >= 3, Duration.ofSeconds(30));

    sleepUntil(t0.plusSeconds(6));
    stack.temporal.kill();
    Instant killedAt = Instant.now();
    sleepUntil(t0.plusSeconds(16));
    stack.temporal.restart();
    Instant backAt = Instant.now();
    System.out.printf("server down from %s to %s%n", killedAt, backAt);

    Delivery insideExpiring = awaitTimed("trial.expiring", "tri_inside");
    Delivery insideExpired = awaitTimed("trial.expired", "tri_inside");
    assertCaughtUp(insideExpiring, inside.minusSeconds(4), backAt);
    assertCaughtUp(insideExpired, inside, backAt);
    // Late, but it says when it was due: the outage does not rewrite the event.
    assertThat(insideExpiring.json().path("timestamp").asText())
        .isEqualTo(inside.minusSeconds(4).toString());
    assertThat(insideExpired.json().path("timestamp").asText()).isEqualTo(inside.toString());
    assertOnTime(awaitTimed("subscription.expired", "sub_after"), periodEnd.plusSeconds(3));
    assertOnTime(awaitTimed("trial.expiring", "tri_after"), after.minusSeconds(4));
    Delivery afterExpired = awaitTimed("trial.expired", "tri_after");
    assertOnTime(afterExpired, after);
    assertThat(afterExpired.json().path("timestamp").asText()).isEqualTo(after.toString());

    Poll.sleep(2000);
    Map<String, List<String>> idsByEvent =
        receiver.all().stream()
            .filter(d -> d.answered() == 200)
            .collect(
                Collectors.groupingBy(
                    d -> d.type() + " " + entity(d),
                    Collectors.mapping(Delivery::eventId, Collectors.toList())));
    assertThat(idsByEvent).as("one event id per timed event").hasSize(8);
    idsByEvent.forEach((event, ids) -> assertThat(ids.stream().distinct()).as(event).hasSize(1));
    assertThat(stack.api().get(vendor.path("/trials/tri_inside")).json().path("status").asText())
        .isEqualTo("expired");
  }

  private static void trial(Vendors vendor, String trialId, Instant trialEnd) {
    vendor.accepted(
        null,
        "trial.started",
        "{\"trialId\":\""
            + trialId
            + "\",\"customerId\":\"cus_1\",\"trialEnd\":\""
            + trialEnd
            + "\"}");
  }

  private static Delivery awaitTimed(String type, String entityId) {
    return receiver.await(
        type + " of " + entityId,
        d -> type.equals(d.type()) && entityId.equals(entity(d)) && d.answered() == 200,
        Duration.ofSeconds(90));
  }

  private static String entity(Delivery delivery) {
    var data = delivery.json().path("data");
    return data.has("trialId")
        ? data.path("trialId").asText()
        : data.path("subscriptionId").asText();
  }

  /** Due during the outage: fires once the server is back, promptly, and never early. */
  private static void assertCaughtUp(Delivery delivery, Instant due, Instant backAt) {
    System.out.printf(
        "%s of %s: due %s, arrived %.1f s after the server was back, timestamp %s%n",
        delivery.type(),
        entity(delivery),
        due,
        Duration.between(backAt, delivery.arrivedAt()).toMillis() / 1000.0,
        delivery.json().path("timestamp").asText());
    assertThat(delivery.arrivedAt()).isAfter(due);
    assertThat(Duration.between(backAt, delivery.arrivedAt()))
        .as("%s of %s after the server was back", delivery.type(), entity(delivery))
        .isLessThan(Duration.ofSeconds(20));
  }

  /** Due after the outage: within a few seconds of its time. */
  private static void assertOnTime(Delivery delivery, Instant due) {
    Duration late = Duration.between(due, delivery.arrivedAt());
    System.out.printf(
        "%s of %s: due %s, arrived %+.1f s%n",
        delivery.type(), entity(delivery), due, late.toMillis() / 1000.0);
    assertThat(late)
        .as("%s of %s, due %s", delivery.type(), entity(delivery), due)
        .isBetween(Duration.ofMillis(-50), Duration.ofSeconds(3));
  }

  private static void sleepUntil(Instant moment) {
    long millis = Duration.between(Instant.now(), moment).toMillis();
    if (millis > 0) {
      Poll.sleep(millis);
    }
  }
}
