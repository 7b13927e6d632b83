package io.billhook.bench;

import java.util.List;

/** The ratios, the benchmark's targets, and the closing line. */
record Summary(
    double floorRatioF1,
    double floorRatioF3,
    double cpuRatioF1,
    double cpuRatioF3,
    double directRatio,
    double acceptP99,
    double deliverP99,
    double rate,
    double cpuMsPerEvent,
    double otherLoadPercent) {

  static Summary of(List<Row> rows, double rate) {
    return new Summary(
        find(rows, "billhook", "max", 1).completedPerSecond()
            / find(rows, "floor", "max", 1).completedPerSecond(),
        find(rows, "billhook", "max", 3).completedPerSecond()
            / find(rows, "floor", "max", 3).completedPerSecond(),
        find(rows, "floor", "max", 1).stackCpuMsPerEvent()
            / find(rows, "billhook", "max", 1).stackCpuMsPerEvent(),
        find(rows, "floor", "max", 3).stackCpuMsPerEvent()
            / find(rows, "billhook", "max", 3).stackCpuMsPerEvent(),
        find(rows, "billhook", "max", 3).deliveriesPerSecond()
            / find(rows, "direct", "max", 3).deliveriesPerSecond(),
        find(rows, "billhook", String.format("%.0f/s", rate), 3).accept().percentileMs(99),
        find(rows, "billhook", String.format("%.0f/s", rate), 3).delivered().percentileMs(99),
        rate,
        find(rows, "billhook", "max", 1).stackCpuMsPerEvent(),
        otherLoad(rows));
  }

  /** Other processes' CPU over all the phases, in percent of the machine's cores. */
  static double otherLoad(List<Row> rows) {
    double other = rows.stream().mapToDouble(r -> r.cpu().cpuSeconds().get("other")).sum();
    double capacity = rows.stream().mapToDouble(r -> r.cpu().wallSeconds()).sum() * CpuMeter.CORES;
    return 100 * other / capacity;
  }

  /** The worse of the two fan-outs: Billhook's events completed per second over the floor's. */
  double floorRatio() {
    return Math.min(floorRatioF1, floorRatioF3);
  }

  void printRatios() {
    System.out.printf(
        "%nbillhook/floor: %.2f at fan-out 1, %.2f at fan-out 3; billhook/direct: %.3f"
            + " (deliveries/s at fan-out 3)%n",
        floorRatioF1, floorRatioF3, directRatio);
    System.out.printf(
        "billhook/floor by CPU per event (insensitive to other load): %.2f at fan-out 1, %.2f at"
            + " fan-out 3%n",
        cpuRatioF1, cpuRatioF3);
  }

  void printTargets(Report report) {
    report.target(floorRatio() >= 0.8, String.format("billhook/floor >= 0.8 (%.3f)", floorRatio()));
    report.target(
        acceptP99 <= 50,
        String.format(
            "accept p99 <= 50 ms at %.0f events/s, fan-out 3 (%.1f ms)", rate, acceptP99));
    report.target(
        deliverP99 <= 500,
        String.format(
            "accept→delivered p99 <= 500 ms at %.0f events/s, fan-out 3 (%.0f ms)",
            rate, deliverP99));
    report.target(
        cpuMsPerEvent <= 10,
        String.format(
            "CPU per event, app + Temporal + PostgreSQL, fan-out 1 <= 10 ms (%.1f ms)",
            cpuMsPerEvent));
  }

  static void printLifecycleTargets(Report report, LifecycleScale.Result l) {
    report.target(
        l.appRssWaiting() < 512 * 1024,
        String.format(
            "%,d waiting subscriptions: app RSS < 512 MiB (%,d MiB)",
            l.waitingAtOnce(), l.appRssWaiting() / 1024));
    report.target(
        l.distinctSubscriptions() == l.accepted() && l.expiredDeliveries() == l.accepted(),
        String.format(
            "every subscription.expired fired once (%,d of %,d)",
            l.distinctSubscriptions(), l.accepted()));
  }

  String line() {
    return String.format(
        "bench: billhook/floor=%.2f billhook/direct=%.3f accept_p99_ms=%.0f deliver_p99_ms=%.0f"
            + " cpu_ms_per_event=%.1f other_load=%.0f%%",
        floorRatio(), directRatio, acceptP99, deliverP99, cpuMsPerEvent, otherLoadPercent);
  }

  private static Row find(List<Row> rows, String system, String load, int fanout) {
    return rows.stream()
        .filter(r -> r.system().equals(system) && r.load().equals(load) && r.fanout() == fanout)
        .findFirst()
        .orElseThrow();
  }
}
