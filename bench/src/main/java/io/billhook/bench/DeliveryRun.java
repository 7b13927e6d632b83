package io.billhook.bench;

import io.billhook.core.embedded.Poll;
import io.billhook.workflows.delivery.EventDeliveryWorkflow;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * One load phase against Billhook: a vendor with {@code fanout} endpoints on the receiver, reports
 * posted by the load generator, every delivery awaited and matched to the moment its report was
 * sent, and the workflows' completion confirmed through the Temporal API.
 */
final class DeliveryRun {
  /** Stop waiting for deliveries when none arrived for this long. */
  private static final Duration STALL = Duration.ofSeconds(60);

  private record Arrival(String eventId, long atNanos) {}

  private DeliveryRun() {}

  /** Creates the vendor's endpoints through the API and tells the receiver their secrets. */
  static void createEndpoints(BillhookApi api, VerifyingReceiver receiver, String vendor, int count)
      throws IOException, InterruptedException {
    for (int i = 0; i < count; i++) {
      String url = receiver.url(vendor, i);
      receiver.expect(url, api.createEndpoint(vendor, url));
    }
  }

  static Row run(
      Stack stack,
      VerifyingReceiver receiver,
      String vendor,
      int fanout,
      String load,
      Supplier<Accepts> generator) {
    ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    receiver.listen(
        (v, delivery) -> {
          if (v.equals(vendor)) {
            arrivals.add(new Arrival(delivery.eventId(), delivery.arrivedNanos()));
          }
        });
    Map<String, Double> persisted = stack.persistenceRequests();
    Map<String, Long> threads = ThreadCpu.ticks(stack.app.pid());
    CpuMeter.Mark mark = stack.cpu.mark();
    Accepts accepts = generator.get();
    if (accepts.failures() > 0) {
      System.out.printf(
          "  %d reports failed, the first: %s%n", accepts.failures(), accepts.firstFailure());
    }
    long expected = (long) accepts.count() * fanout;
    int seen = -1;
    long progressAt = System.nanoTime();
    while (arrivals.size() < expected && System.nanoTime() - progressAt < STALL.toNanos()) {
      if (arrivals.size() != seen) {
        seen = arrivals.size();
        progressAt = System.nanoTime();
      }
      Poll.sleep(20);
    }
    TemporalProbe probe = new TemporalProbe(stack.client);
    long completedAt = probe.awaitCompleted(vendor, accepts.count(), STALL);
    CpuMeter.Usage cpu = stack.cpu.since(mark);
    Map<String, Double> appThreads =
        ThreadCpu.msPerUnit(
            threads,
            ThreadCpu.ticks(stack.app.pid()),
            Math.round(cpu.cpuSeconds().get("app") * ProcStats.TICKS_PER_SECOND),
            Math.max(1, accepts.count()));

    Samples delivered = new Samples();
    Map<String, Integer> perEvent = new ConcurrentHashMap<>();
    long last = accepts.firstSendNanos;
    for (Arrival a : arrivals) {
      Long sent = accepts.sentAtNanos.get(a.eventId);
      if (sent != null) {
        delivered.add(a.atNanos - sent);
      }
      perEvent.merge(a.eventId, 1, Integer::sum);
      last = Math.max(last, a.atNanos);
    }
    if (arrivals.size() != expected || perEvent.size() != accepts.count()) {
      System.out.printf(
          "  WARNING: %d deliveries of %d events arrived, expected %d of %d%n",
          arrivals.size(), perEvent.size(), expected, accepts.count());
    }
    double window = (last - accepts.firstSendNanos) / 1e9;
    double completedWindow =
        completedAt < 0 ? Double.NaN : (completedAt - accepts.firstSendNanos) / 1e9;
    List<String> sample =
        accepts.sentAtNanos.keySet().stream()
            .limit(20)
            .map(id -> EventDeliveryWorkflow.workflowId(vendor, id))
            .toList();
    return new Row(
        "billhook",
        load,
        fanout,
        accepts.count(),
        accepts.perSecond(),
        accepts.count() / completedWindow,
        arrivals.size() / window,
        accepts.latency,
        delivered,
        cpu,
        "app",
        ProcStats.peakRssKb(stack.app.pid()),
        probe.shape(sample),
        TemporalMetrics.perUnit(persisted, stack.persistenceRequests(), accepts.count()),
        appThreads);
  }
}
