package io.billhook.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billhook.core.embedded.Poll;
import io.billhook.workflows.delivery.EventDeliveryWorkflow;
import io.billhook.workflows.lifecycle.SubscriptionLifecycleWorkflow;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The lifecycle scale test: {@code n} subscriptions created through the API, all due at the same
 * instant so that they wait together, then every {@code subscription.expired} awaited at the
 * receiver (renewal grace PT5S).
 */
final class LifecycleScale {
  private static final Duration GRACE = Duration.ofSeconds(5);
  private static final long STALL_MILLIS = 60_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private LifecycleScale() {}

  /** What the test measured; RSS in KiB, times in seconds. */
  record Result(
      int accepted,
      long failures,
      double acceptSeconds,
      Samples acceptLatency,
      long waitingAtOnce,
      long appThreadsBefore,
      long appThreadsWaiting,
      long appRssBefore,
      long appRssWaiting,
      long serverRssBefore,
      long serverRssWaiting,
      String appHeapAfterGc,
      long appPeak,
      long serverPeak,
      long expiredDeliveries,
      int distinctExpiredIds,
      int distinctSubscriptions,
      double lastExpiredAfterDue,
      CpuMeter.Usage cpu,
      TemporalProbe.Shape subscriptionShape,
      TemporalProbe.Shape expiredShape,
      Samples lateness,
      SettingsRollout.Result rollout) {}

  static Result run(
      Stack stack, VerifyingReceiver receiver, int n, int clients, boolean rollout, String run)
      throws IOException, InterruptedException {
    Duration lead =
        plannedLead(stack, receiver, n, clients, rollout, "bench-life-calibration-" + run);
    String vendor = "bench-life-" + run;
    prepare(stack, receiver, vendor);
    Set<String> expiredIds = ConcurrentHashMap.newKeySet();
    Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    AtomicLong expiredDeliveries = new AtomicLong();
    AtomicLong lastExpiredMillis = new AtomicLong();
    Samples lateness = new Samples();
    Instant periodEnd = Instant.now().plus(lead).truncatedTo(ChronoUnit.SECONDS);
    long dueMillis = periodEnd.plus(GRACE).toEpochMilli();
    receiver.listen(
        (v, delivery) -> {
          if (v.equals(vendor) && "subscription.expired".equals(delivery.type())) {
            expiredDeliveries.incrementAndGet();
            expiredIds.add(delivery.eventId());
            subscriptions.add(subscriptionId(delivery.bytes()));
            long now = System.currentTimeMillis();
            lastExpiredMillis.accumulateAndGet(now, Math::max);
            lateness.add((now - dueMillis) * 1_000_000);
          }
        });
    long app = stack.app.pid();
    long server = stack.temporalPid;
    ProcStats.resetPeakRss(app);
    ProcStats.resetPeakRss(server);
    long appBefore = ProcStats.rssKb(app);
    long threadsBefore = ProcStats.threads(app);
    long serverBefore = ProcStats.rssKb(server);
    System.out.printf("  creating %,d subscriptions, every period ending at %s%n", n, periodEnd);

    CpuMeter.Mark mark = stack.cpu.mark();
    Accepts accepts = create(stack, vendor, n, clients, periodEnd);
    double acceptSeconds = (System.nanoTime() - accepts.firstSendNanos) / 1e9;
    long waiting = accepts.count() - expiredIds.size();
    long appWaiting = ProcStats.rssKb(app);
    long threadsWaiting = ProcStats.threads(app);
    long serverWaiting = ProcStats.rssKb(server);
    String heap = JvmHeap.liveAfterFullGc(app);
    System.out.printf(
        "  accepted %,d in %.1f s; %,d waiting; app RSS %,d MiB, server RSS %,d MiB%n",
        accepts.count(), acceptSeconds, waiting, appWaiting / 1024, serverWaiting / 1024);

    SettingsRollout.Result rolledOut = null;
    if (rollout && accepts.failures() > 0) {
      System.out.println("  no rollout: some subscriptions were not created");
    } else if (rollout) {
      rolledOut =
          SettingsRollout.run(
              stack,
              vendor,
              IntStream.range(0, accepts.count()).mapToObj(i -> "sub_" + i).toList());
      System.out.println("  " + rolledOut);
    }
    Instant due = periodEnd.plus(GRACE);
    awaitExpiries(expiredIds, accepts.count(), due);
    CpuMeter.Usage cpu = stack.cpu.since(mark);
    TemporalProbe probe = new TemporalProbe(stack.client);
    List<String> sampleSubscriptions =
        IntStream.range(0, Math.min(10, accepts.count()))
            .mapToObj(i -> SubscriptionLifecycleWorkflow.workflowId(vendor, "sub_" + i))
            .toList();
    List<String> sampleExpired =
        expiredIds.stream()
            .limit(10)
            .map(id -> EventDeliveryWorkflow.workflowId(vendor, id))
            .toList();
    return new Result(
        accepts.count(),
        accepts.failures(),
        acceptSeconds,
        accepts.latency,
        waiting,
        threadsBefore,
        threadsWaiting,
        appBefore,
        appWaiting,
        serverBefore,
        serverWaiting,
        heap,
        ProcStats.peakRssKb(app),
        ProcStats.peakRssKb(server),
        expiredDeliveries.get(),
        expiredIds.size(),
        subscriptions.size(),
        (lastExpiredMillis.get() - due.toEpochMilli()) / 1000.0,
        cpu,
        probe.shape(sampleSubscriptions),
        probe.shape(sampleExpired),
        lateness,
        rolledOut);
  }

  /**
   * When the subscriptions' periods should end so that all are created first (and, with a rollout,
   * re-planned too): 1.25 times the time that creating a few took per subscription (twice that with
   * a rollout), plus 10 s. The few are due in a day, on vendors of their own; a first batch
   * compiles the lifecycle path, the second is timed.
   */
  private static Duration plannedLead(
      Stack stack, VerifyingReceiver receiver, int n, int clients, boolean rollout, String vendor)
      throws IOException, InterruptedException {
    int few = Math.max(50, Math.min(200, n / 40));
    Instant farAway = Instant.now().plus(Duration.ofDays(1));
    prepare(stack, receiver, vendor + "-warm");
    create(stack, vendor + "-warm", few, clients, farAway);
    prepare(stack, receiver, vendor);
    Accepts calibration = create(stack, vendor, few, clients, farAway);
    long seconds = (long) ((rollout ? 2.5 : 1.25) * n / calibration.perSecond()) + 10;
    System.out.printf(
        "  %d subscriptions created at %.0f/s; the %,d of the test will end in %d s%n",
        few, calibration.perSecond(), n, seconds);
    return Duration.ofSeconds(seconds);
  }

  private static void prepare(Stack stack, VerifyingReceiver receiver, String vendor)
      throws IOException, InterruptedException {
    DeliveryRun.createEndpoints(stack.api, receiver, vendor, 1);
    stack.api.putSettings(vendor, "{\"trialExpiringLead\":\"PT72H\",\"renewalGrace\":\"PT5S\"}");
  }

  private static Accepts create(Stack stack, String vendor, int n, int clients, Instant periodEnd) {
    return new LoadGenerator(stack.api)
        .asFastAsPossible(
            vendor,
            clients,
            Duration.ofHours(1),
            n,
            i ->
                String.format(
                    "{\"type\":\"subscription.created\",\"data\":{\"subscriptionId\":\"sub_%d\","
                        + "\"customerId\":\"cus_%d\",\"currentPeriodEnd\":\"%s\"}}",
                    i, i, periodEnd));
  }

  /** Waits past {@code due} while expiries keep arriving; gives up after a minute without one. */
  private static void awaitExpiries(Set<String> expired, int expected, Instant due) {
    long idleSince = Math.max(System.currentTimeMillis(), due.toEpochMilli());
    int seen = expired.size();
    while (expired.size() < expected && System.currentTimeMillis() - idleSince < STALL_MILLIS) {
      Poll.sleep(200);
      if (expired.size() != seen) {
        seen = expired.size();
        idleSince = Math.max(System.currentTimeMillis(), due.toEpochMilli());
      }
    }
  }

  private static String subscriptionId(byte[] body) {
    try {
      return JSON.readTree(body).path("data").path("subscriptionId").asText();
    } catch (IOException e) {
      return "unreadable";
    }
  }
}
