package io.billhook.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The floor: no-op workflows with one no-op activity per endpoint, started as fast as the same
 * number of clients can, on the same Temporal server, worked by a separate JVM with default worker
 * options (as Billhook's app is), so that only Billhook's own work is missing.
 */
final class FloorRun {
  private FloorRun() {}

  static Row run(Stack stack, String tag, int fanout, int clients, Duration duration, String body) {
    TemporalProbe probe = new TemporalProbe(stack.client);
    Map<String, Double> persisted = stack.persistenceRequests();
    CpuMeter.Mark mark = stack.cpu.mark();
    Accepts starts = new FloorLoad(stack.client).start(tag, fanout, clients, duration, body);
    long completedAt = probe.awaitCompleted(tag, starts.count(), Duration.ofMinutes(3));
    CpuMeter.Usage cpu = stack.cpu.since(mark);
    if (completedAt < 0 || starts.failures() > 0) {
      System.out.printf(
          "  WARNING: floor %s: %d of %d completed, %d starts failed (%s)%n",
          tag, probe.completed(tag), starts.count(), starts.failures(), starts.firstFailure());
    }
    double window = (completedAt - starts.firstSendNanos) / 1e9;
    List<String> sample = starts.sentAtNanos.keySet().stream().limit(20).toList();
    return new Row(
        "floor",
        "max",
        fanout,
        starts.count(),
        starts.perSecond(),
        starts.count() / window,
        (double) starts.count() * fanout / window,
        starts.latency,
        new Samples(),
        cpu,
        "floor worker",
        0,
        probe.shape(sample),
        TemporalMetrics.perUnit(persisted, stack.persistenceRequests(), starts.count()),
        Map.of());
  }
}
