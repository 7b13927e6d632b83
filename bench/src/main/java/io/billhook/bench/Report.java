package io.billhook.bench;

import java.io.PrintStream;
import java.util.List;

/** Prints the measured rows, the cost breakdown, the lifecycle test and the targets. */
final class Report {
  private static final String[] PROCESSES = {
    "app", "floor worker", "temporal", "temporal-db", "postgres", "bench"
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
    out.println(
        "CPU ms per event, by process (2 cores = 2000 ms per wall second); total = the processes"
            + " under test (not the bench JVM); other load = CPU of processes not ours, in % of all"
            + " cores:");
    out.printf("%-8s %-8s %7s", "system", "load", "fan-out");
    for (String p : PROCESSES) {
      out.printf(" %12s", p);
    }
    out.printf(" %12s %11s%n", "total", "other load");
    for (Row r : rows) {
      out.printf("%-8s %-8s %7d", r.system(), r.load(), r.fanout());
      for (String p : PROCESSES) {
        out.printf(" %12.2f", r.cpu().msPer(p, r.events()));
      }
      out.printf(" %12.2f %10.0f%%%n", r.stackCpuMsPerEvent(), r.cpu().otherLoadPercent());
    }
    persistence(rows);
    appThreads(rows);
    out.println();
    out.println("Temporal history per event (GetWorkflowExecutionHistory of sampled runs):");
    for (Row r : rows) {
      if (r.shape() != null) {
        out.printf("  %-8s %-8s fan-out %d: %s%n", r.system(), r.load(), r.fanout(), r.shape());
      }
    }
  }

  /** The dev server's persistence requests per event: the total, and the operations by count. */
  /** The app's CPU per event by thread group, the largest first. */
  private void appThreads(List<Row> rows) {
    out.println();
    out.println("App CPU ms per event by thread (from /proc/<pid>/task; GC and JIT included):");
    for (Row r : rows) {
      if (!r.appThreads().isEmpty()) {
        out.printf(
            "  %-8s %-8s fan-out %d:%s%n",
            r.system(), r.load(), r.fanout(), top(r.appThreads(), 0.1, ";"));
      }
    }
  }

  /** " name value;" for the entries of at least {@code floor}, the largest first. */
  private static String top(java.util.Map<String, Double> values, double floor, String end) {
    StringBuilder s = new StringBuilder();
    values.entrySet().stream()
        .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
        .filter(e -> e.getValue() >= floor)
        .forEach(e -> s.append(String.format(" %s %.2f%s", e.getKey(), e.getValue(), end)));
    return s.toString();
  }

  private void persistence(List<Row> rows) {
    out.println();
    out.println("Temporal persistence requests per event (the server's /metrics):");
    for (Row r : rows) {
      if (r.persistence().isEmpty()) {
        continue;
      }
      String ops = top(r.persistence(), 0.05, ",");
      double total = r.persistence().values().stream().mapToDouble(Double::doubleValue).sum();
      out.printf("  %-8s %-8s fan-out %d: %.1f,%s%n", r.system(), r.load(), r.fanout(), total, ops);
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
          "  Temporal server RSS %,d MiB (was %,d before; peak %,d)%n",
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
        "  CPU over the test: app %.0f s, temporal %.0f s, temporal-db %.0f s, postgres %.0f s,"
            + " other %.0f s (of %.0f s wall)%n",
        l.cpu().cpuSeconds().get("app"),
        l.cpu().cpuSeconds().getOrDefault("temporal", 0.0),
        l.cpu().cpuSeconds().getOrDefault("temporal-db", 0.0),
        l.cpu().cpuSeconds().getOrDefault("postgres", 0.0),
        l.cpu().cpuSeconds().get("other"),
        l.cpu().wallSeconds());
    out.printf(
        "  lateness of subscription.expired (received minus due, all due at once): p50 %s ms,"
            + " p99 %s ms, max %s ms%n",
        ms(l.lateness(), 50), ms(l.lateness(), 99), ms(l.lateness(), 100));
    if (l.rollout() != null) {
      out.println("  " + l.rollout());
    }
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
