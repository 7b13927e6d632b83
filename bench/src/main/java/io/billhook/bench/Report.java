package io.billhook.bench;

import java.io.PrintStream;
import java.util.List;

/** Prints the measured rows, the cost breakdown, the lifecycle test and the targets. */
final class Report {
  private static final String[] PROCESSES = {
    "app", "floor worker", "temporal", "postgres", "bench", "other"
  };

  private final PrintStream out;

  Report(PrintStream out) {
    this.out = out;
  }

  void throughput(List<Row> rows) {
    out.println();
    out.println(
        "system   load     fan-out  events  accepted/s completed/s deliveries/s | accept ms"
            + "   | accept→delivered ms  | worker CPU  peak RSS");
    out.println(
        "                                   (events)   (events)    (HTTP/no-op) |  p50   p99"
            + " |  p50   p95    p99    |  % of core    MiB");
    for (Row r : rows) {
      out.printf(
          "%-8s %-8s %7d %7d %10.1f %11.1f %12.1f | %5s %5s | %5s %5s %6s | %8.0f %9s%n",
          r.system(),
          r.load(),
          r.fanout(),
          r.events(),
          r.eventsPerSecond(),
          r.completedPerSecond(),
          r.deliveriesPerSecond(),
          ms(r.accept(), 50),
          ms(r.accept(), 99),
          ms(r.delivered(), 50),
          ms(r.delivered(), 95),
          ms(r.delivered(), 99),
          r.cpu().percent(r.workerProcess()),
          r.peakRssKb() == 0 ? "-" : Long.toString(r.peakRssKb() / 1024));
    }
  }

  void cost(List<Row> rows) {
    out.println();
    out.println("CPU ms per event, by process (2 cores = 2000 ms per wall second):");
    out.printf("%-8s %-8s %7s", "system", "load", "fan-out");
    for (String p : PROCESSES) {
      out.printf(" %12s", p);
    }
    out.printf(" %12s%n", "all ours");
    for (Row r : rows) {
      out.printf("%-8s %-8s %7d", r.system(), r.load(), r.fanout());
      double ours = 0;
      for (String p : PROCESSES) {
        double ms = r.cpu().msPer(p, r.events());
        ours += p.equals("other") ? 0 : ms;
        out.printf(" %12.2f", ms);
      }
      out.printf(" %12.2f%n", ours);
    }
    out.println();
    out.println("Temporal history per event (GetWorkflowExecutionHistory of sampled runs):");
    for (Row r : rows) {
      if (r.shape() != null) {
        out.printf("  %-8s %-8s fan-out %d: %s%n", r.system(), r.load(), r.fanout(), r.shape());
      }
    }
  }

  void lifecycle(LifecycleScale.Result l, boolean localServer) {
    out.println();
    out.printf(
        "lifecycle: %,d subscription.created accepted in %.1f s (%.0f/s, %d failed; accept p50"
            + " %s ms, p99 %s ms)%n",
        l.accepted(),
        l.acceptSeconds(),
        l.accepted() / l.acceptSeconds(),
        l.failures(),
        ms(l.acceptLatency(), 50),
        ms(l.acceptLatency(), 99));
    out.printf(
        "  with %,d waiting at once: app RSS %,d MiB (was %,d before; peak %,d), %d threads"
            + " (was %d)%n  app heap after a full GC: %s%n",
        l.waitingAtOnce(),
        l.appRssWaiting() / 1024,
        l.appRssBefore() / 1024,
        l.appPeak() / 1024,
        l.appThreadsWaiting(),
        l.appThreadsBefore(),
        l.appHeapAfterGc());
    if (localServer) {
      out.printf(
          "  dev server RSS %,d MiB (was %,d before; peak %,d)%n",
          l.serverRssWaiting() / 1024, l.serverRssBefore() / 1024, l.serverPeak() / 1024);
    }
    out.printf(
        "  subscription.expired: %,d delivered, %,d distinct event ids, %,d distinct"
            + " subscriptions; the last %.1f s after due%n",
        l.expiredDeliveries(),
        l.distinctExpiredIds(),
        l.distinctSubscriptions(),
        l.lastExpiredAfterDue());
    out.printf(
        "  CPU over the test: app %.0f s, temporal %.0f s, postgres %.0f s, other %.0f s"
            + " (of %.0f s wall)%n",
        l.cpu().cpuSeconds().get("app"),
        l.cpu().cpuSeconds().getOrDefault("temporal", 0.0),
        l.cpu().cpuSeconds().getOrDefault("postgres", 0.0),
        l.cpu().cpuSeconds().get("other"),
        l.cpu().wallSeconds());
    out.println("  per subscription workflow: " + l.subscriptionShape());
    out.println("  per subscription.expired delivery: " + l.expiredShape());
  }

  void target(boolean met, String what) {
    out.printf("  %-6s %s%n", met ? "met" : "MISSED", what);
  }

  static String ms(Samples s, double p) {
    double v = s.percentileMs(p);
    return Double.isNaN(v) ? "-" : v < 10 ? String.format("%.1f", v) : String.format("%.0f", v);
  }
}
