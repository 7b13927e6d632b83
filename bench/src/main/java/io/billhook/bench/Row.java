package io.billhook.bench;

/**
 * One measured phase: a system (billhook, floor, direct) under one load (a fixed rate, or as fast
 * as it can) at one fan-out.
 *
 * @param eventsPerSecond accepted (API 202s, workflow starts, posts sent) per second
 * @param completedPerSecond events whose every delivery is done (workflow completed), per second
 * @param deliveriesPerSecond deliveries done (received, or no-op activities), per second
 * @param accept latency of the accept call: the API's 202, or the floor's workflow start
 * @param delivered accept→delivered: request sent to the receiver having it (Billhook only)
 * @param peakRssKb the worker process's peak RSS (VmHWM) at the end of the phase
 */
record Row(
    String system,
    String load,
    int fanout,
    long events,
    double eventsPerSecond,
    double completedPerSecond,
    double deliveriesPerSecond,
    Samples accept,
    Samples delivered,
    CpuMeter.Usage cpu,
    String workerProcess,
    long peakRssKb,
    TemporalProbe.Shape shape) {

  /** CPU milliseconds per event of every process of the stack (not "other"). */
  double stackCpuMsPerEvent() {
    return cpu.cpuSeconds().entrySet().stream()
            .filter(e -> !e.getKey().equals("other"))
            .mapToDouble(e -> e.getValue())
            .sum()
        * 1000
        / Math.max(1, events);
  }
}
