package io.billhook.core.redelivery;

import static io.billhook.core.testing.DeliveryStack.VENDOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billhook.core.delivery.DeliveryLog.Attempt;
import io.billhook.core.endpoints.Endpoint;
import io.billhook.core.reconcile.DeliveryReconciler;
import io.billhook.core.refusals.Refusal;
import io.billhook.core.testing.DeliveryStack;
import io.billhook.workflows.delivery.DeliveryRequest;
import io.billhook.workflows.delivery.EventDeliveryWorkflow;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Resend and recover, end to end: Temporal's test server, the real delivery activities, PostgreSQL
 * and a receiver on loopback. A delivery sent again carries the same webhook-id, shows as a new
 * attempt series, and is never sent twice at once.
 */
@Timeout(120)
class RedeliveryTest {
  private final DeliveryStack stack = new DeliveryStack();
  private final Redeliveries redeliveries =
      new Redeliveries(
          stack.events,
          stack.endpoints,
          new RedeliveryStore(stack.jdbc, io.billhook.core.testing.TestDatabase.transactions()),
          stack.runs);

  @AfterEach
  void close() {
    stack.close();
  }

  @Test
  void aResentEventArrivesAgainWithTheSameWebhookIdAsANewSeries() {
    Endpoint endpoint = stack.endpoint("/ok");
    stack.publish("evt_1");
    stack.awaitSettled("evt_1");

    Redeliveries.Resent resent = redeliveries.resend(VENDOR, "evt_1", null);

    assertThat(resent).isEqualTo(new Redeliveries.Resent("evt_1", List.of(endpoint.id())));
    DeliveryStack.waitUntil(() -> stack.received.size() == 2, Duration.ofSeconds(20));
    stack.awaitSettled("evt_1");
    assertThat(stack.received)
        .extracting(r -> r.getHeaders().get("webhook-id"))
        .containsExactly("evt_1", "evt_1");
    assertThat(stack.received.get(1).getBody()).isEqualTo(stack.received.get(0).getBody());
    assertThat(stack.log.attemptsOfEndpoint(VENDOR, endpoint.id(), null, 10))
        .extracting(Attempt::series, Attempt::attempt, Attempt::statusCode)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, 1, 200),
            org.assertj.core.groups.Tuple.tuple(1, 1, 200));
    assertThat(stack.status("evt_1", endpoint.id())).isEqualTo("succeeded");
  }

  @Test
  void aResendToOneEndpointLeavesTheOthersAlone() {
    Endpoint one = stack.endpoint("/one");
    stack.endpoint("/two");
    stack.publish("evt_2");
    stack.awaitSettled("evt_2");

    assertThat(redeliveries.resend(VENDOR, "evt_2", one.id()).endpointIds())
        .containsExactly(one.id());

    DeliveryStack.waitUntil(() -> stack.receivedAt("/one").size() == 2, Duration.ofSeconds(20));
    stack.awaitSettled("evt_2");
    assertThat(stack.receivedAt("/two")).hasSize(1);
  }

  @Test
  void twoConcurrentResendsOfADeliverySendItOnce() throws Exception {
    Endpoint endpoint = stack.endpoint("/race");
    stack.publish("evt_race");
    stack.awaitSettled("evt_race");
    stack.runs.close(); // the winner's run starts below, once every resend has been answered

    ExecutorService pool = Executors.newFixedThreadPool(8);
    Callable<Boolean> resend =
        () -> {
          try {
            redeliveries.resend(VENDOR, "evt_race", endpoint.id());
            return true;
          } catch (Refusal refused) {
            assertThat(refused.getMessage()).contains("still being delivered");
            return false;
          }
        };
    List<Future<Boolean>> results = pool.invokeAll(java.util.Collections.nCopies(8, resend));
    pool.shutdown();

    long accepted = results.stream().filter(RedeliveryTest::accepted).count();
    assertThat(accepted).isEqualTo(1);
    assertThat(stack.publisher.resume(VENDOR, "evt_race")).isTrue();
    stack.awaitSettled("evt_race");
    Thread.sleep(1_000);
    assertThat(stack.received).hasSize(2);
  }

  @Test
  void theRunOfThePreviousSendingCannotMarkTheResentDeliveryFailed() {
    Endpoint endpoint = stack.endpoint("/late");
    stack.answer(503);
    stack.publish("evt_late");
    stack.awaitSettled("evt_late");
    stack.runs.close(); // the new sending's run starts below
    redeliveries.resend(VENDOR, "evt_late", endpoint.id());

    // The first sending's run, which gave up before the resend, records that only now.
    stack.activities.markFailed(
        new DeliveryRequest(
            VENDOR, "evt_late", "payment.received", endpoint.id(), null, 2, null, 1),
        "gave up after 2 attempts");

    assertThat(stack.status("evt_late", endpoint.id())).isEqualTo("pending");
    stack.answer(200);
    assertThat(stack.publisher.resume(VENDOR, "evt_late")).isTrue();
    stack.awaitSettled("evt_late");
    assertThat(stack.status("evt_late", endpoint.id())).isEqualTo("succeeded");
    assertThat(stack.receivedAt("/late")).hasSize(3);
    assertThat(
            stack
                .client()
                .fetchHistory(EventDeliveryWorkflow.workflowId(VENDOR, "evt_late"))
                .getHistory()
                .getEvents(0)
                .getWorkflowExecutionStartedEventAttributes()
                .getInput()
                .getPayloads(0)
                .getData()
                .toStringUtf8())
        .as("the new run settles the second sending only")
        .contains("\"series\":2");
  }

  @Test
  void aResendAnsweredJustBeforeACrashIsDeliveredByTheReconciler() {
    Endpoint endpoint = stack.endpoint("/crash");
    stack.publish("evt_crash");
    stack.awaitSettled("evt_crash");
    stack.runs.close(); // the process stops right after answering: no run is started
    redeliveries.resend(VENDOR, "evt_crash", endpoint.id());
    stack.jdbc.sql("UPDATE events SET created_at = created_at - interval '1 hour'").update();

    assertThat(new DeliveryReconciler(stack.events, stack.publisher).reconcile()).isEqualTo(1);

    stack.awaitSettled("evt_crash");
    assertThat(stack.status("evt_crash", endpoint.id())).isEqualTo("succeeded");
    assertThat(stack.receivedAt("/crash")).hasSize(2);
  }

  @Test
  void recoverSendsAgainWhatFailedSinceThenAndNothingElse() {
    Endpoint endpoint = stack.endpoint("/flaky");
    stack.answer(503);
    failedAgo("evt_old", endpoint, Duration.ofHours(2));
    Instant since = Instant.now().minus(Duration.ofHours(1));
    failedAgo("evt_a", endpoint, Duration.ofMinutes(5));
    failedAgo("evt_b", endpoint, Duration.ofMinutes(5));
    failedAgo("evt_just_now", endpoint, Duration.ZERO);
    stack.answer(200);

    Redeliveries.Recovered recovered = redeliveries.recover(VENDOR, endpoint.id(), since);

    assertThat(recovered).isEqualTo(new Redeliveries.Recovered(3, 0, 0, false));
    for (String eventId : List.of("evt_a", "evt_b", "evt_just_now")) {
      stack.awaitSettled(eventId);
      assertThat(stack.status(eventId, endpoint.id())).isEqualTo("succeeded");
    }
    assertThat(stack.status("evt_old", endpoint.id())).isEqualTo("failed");
    assertThat(redeliveries.recover(VENDOR, endpoint.id(), since).resent()).isZero();
  }

  @Test
  void aRecoverAndAResendOfTheSameDeliveryAtOnceSendItOnce() throws Exception {
    Endpoint endpoint = stack.endpoint("/both");
    stack.answer(503);
    failedAgo("evt_both", endpoint, Duration.ofMinutes(5));
    stack.runs.close(); // the run starts below, once both have been answered
    ExecutorService pool = Executors.newFixedThreadPool(2);
    Future<Integer> recovered =
        pool.submit(
            () ->
                redeliveries
                    .recover(VENDOR, endpoint.id(), Instant.now().minus(Duration.ofHours(1)))
                    .resent());
    Future<Boolean> resent =
        pool.submit(
            () -> {
              try {
                return redeliveries.resend(VENDOR, "evt_both", endpoint.id()) != null;
              } catch (Refusal refused) {
                return false;
              }
            });
    pool.shutdown();

    assertThat(recovered.get() + (resent.get() ? 1 : 0)).isEqualTo(1);
    assertThat(stack.jdbc.sql("SELECT series FROM deliveries").query(Integer.class).single())
        .isEqualTo(2);
  }

  @Test
  void recoverLeavesPurgedEventsAndSaysSo() {
    Endpoint endpoint = stack.endpoint("/purged");
    stack.answer(503);
    Instant since = Instant.now().minus(Duration.ofMinutes(10));
    failedAgo("evt_purged", endpoint, Duration.ofMinutes(5));
    stack.jdbc.sql("UPDATE events SET purged_at = now() WHERE id = 'evt_purged'").update();

    assertThat(redeliveries.recover(VENDOR, endpoint.id(), since))
        .isEqualTo(new Redeliveries.Recovered(0, 1, 0, false));
    assertThat(stack.status("evt_purged", endpoint.id())).isEqualTo("failed");
  }

  @Test
  void anEndpointDeletedDuringARecoveryEndsItsDeliveriesFailedWithoutSendingThem() {
    Endpoint endpoint = stack.endpoint("/deleted");
    stack.answer(503);
    failedAgo("evt_del", endpoint, Duration.ofMinutes(5));
    int before = stack.received.size();
    stack.runs.close(); // no run starts before the delete: the reconciler's case
    assertThat(
            redeliveries
                .recover(VENDOR, endpoint.id(), Instant.now().minus(Duration.ofMinutes(10)))
                .resent())
        .isEqualTo(1);
    stack.endpoints.delete(VENDOR, endpoint.id());

    stack.publisher.resume(VENDOR, "evt_del");

    stack.awaitSettled("evt_del");
    assertThat(stack.status("evt_del", endpoint.id())).isEqualTo("failed");
    assertThat(stack.received).hasSize(before);
  }

  @Test
  void refusalsSpeakOfWhatTheCallerSent() {
    Endpoint endpoint = stack.endpoint("/refusals");
    Endpoint other = stack.endpoint("/other", "payment.failed");
    stack.publish("evt_r");
    stack.awaitSettled("evt_r");

    assertRefused(
        () -> redeliveries.resend(VENDOR, "evt_none", null),
        Refusal.Kind.NOT_FOUND,
        "no event evt_none");
    assertRefused(
        () -> redeliveries.resend(VENDOR, "evt_r", "ep_none"),
        Refusal.Kind.NOT_FOUND,
        "no endpoint ep_none");
    assertRefused(
        () -> redeliveries.resend(VENDOR, "evt_r", other.id()),
        Refusal.Kind.CONFLICT,
        "was never delivered to endpoint");
    assertRefused(
        () -> redeliveries.resend("someone-else", "evt_r", null),
        Refusal.Kind.NOT_FOUND,
        "no event evt_r");
    assertRefused(
        () -> redeliveries.recover(VENDOR, endpoint.id(), Instant.now().plusSeconds(60)),
        Refusal.Kind.INVALID,
        "must not be in the future");
    assertRefused(
        () -> redeliveries.recover(VENDOR, "ep_none", Instant.now()),
        Refusal.Kind.NOT_FOUND,
        "no endpoint ep_none");

    stack.endpoints.disable(VENDOR, endpoint.id(), "disabled by request", Instant.now());
    assertRefused(
        () -> redeliveries.resend(VENDOR, "evt_r", endpoint.id()),
        Refusal.Kind.CONFLICT,
        "is disabled");
    assertRefused(
        () -> redeliveries.resend(VENDOR, "evt_r", null),
        Refusal.Kind.CONFLICT,
        "none of the endpoints");
    assertRefused(
        () -> redeliveries.recover(VENDOR, endpoint.id(), Instant.now()),
        Refusal.Kind.CONFLICT,
        "is disabled");

    stack.endpoints.update(
        stack.endpoints.find(VENDOR, endpoint.id()).orElseThrow().toBuilder()
            .setEnabled(true)
            .build());
    stack.jdbc.sql("UPDATE deliveries SET status = 'pending' WHERE event_id = 'evt_r'").update();
    assertRefused(
        () -> redeliveries.resend(VENDOR, "evt_r", null),
        Refusal.Kind.CONFLICT,
        "still being delivered");

    stack.jdbc.sql("UPDATE deliveries SET status = 'failed' WHERE event_id = 'evt_r'").update();
    stack.jdbc.sql("UPDATE events SET purged_at = now() WHERE id = 'evt_r'").update();
    assertRefused(
        () -> redeliveries.resend(VENDOR, "evt_r", null), Refusal.Kind.CONFLICT, "purged");
  }

  private static boolean accepted(Future<Boolean> result) {
    try {
      return result.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void assertRefused(Runnable call, Refusal.Kind kind, String saying) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(kind))
        .hasMessageContaining(saying);
  }

  /** Reports the event, waits for its delivery to end, and makes it look as if it ended then. */
  private void failedAgo(String eventId, Endpoint endpoint, Duration ago) {
    stack.publish(eventId);
    stack.awaitSettled(eventId);
    stack
        .jdbc
        .sql("UPDATE deliveries SET updated_at = ? WHERE event_id = ? AND endpoint_id = ?")
        .params(Timestamp.from(Instant.now().minus(ago)), eventId, endpoint.id())
        .update();
  }
}
