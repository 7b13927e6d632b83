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
 * @param persistence the dev server's persistence requests per event, by operation
 * @param appThreads the app's CPU ms per event by thread group (Billhook rows only)
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
    TemporalProbe.Shape shape,
    java.util.Map<String, Double> persistence,
    java.util.Map<String, Double> appThreads) {

  Row withLoad(String label) {
    return new Row(
        system,
        label,
        fanout,
        events,
        eventsPerSecond,
        completedPerSecond,
        deliveriesPerSecond,
        accept,
        delivered,
        cpu,
        workerProcess,
        peakRssKb,
        shape,
        persistence,
        appThreads);
  }

  /**
   * CPU milliseconds per event of the processes under test (app or floor worker, Temporal,
   * PostgreSQL; not the bench JVM, not other load).
   */
  double stackCpuMsPerEvent() {
    return cpu.stackMsPer(events);
  }
}
