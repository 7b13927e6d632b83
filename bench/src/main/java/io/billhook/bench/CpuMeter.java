package io.billhook.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * CPU seconds each process of the stack used over a phase, and what everything else on the machine
 * used meanwhile (other people's builds on a shared machine show up there).
 */
final class CpuMeter {
  static final int CORES = Runtime.getRuntime().availableProcessors();

  private final Map<String, LongSupplier> processes = new LinkedHashMap<>();

  void track(String name, LongSupplier ticks) {
    processes.put(name, ticks);
  }

  Mark mark() {
    Map<String, Long> ticks = new LinkedHashMap<>();
    processes.forEach((name, supplier) -> ticks.put(name, supplier.getAsLong()));
    return new Mark(System.nanoTime(), ProcStats.machineBusyTicks(), ticks);
  }

  /** CPU seconds per process since {@code start}, with "other" for the rest of the machine. */
  Usage since(Mark start) {
    Mark end = mark();
    Map<String, Double> seconds = new LinkedHashMap<>();
    long ours = 0;
    for (String name : processes.keySet()) {
      long used = end.ticks.get(name) - start.ticks.get(name);
      ours += used;
      seconds.put(name, used / ProcStats.TICKS_PER_SECOND);
    }
    long other = Math.max(0, end.machineTicks - start.machineTicks - ours);
    seconds.put("other", other / ProcStats.TICKS_PER_SECOND);
    return new Usage((end.nanos - start.nanos) / 1e9, seconds);
  }

  record Mark(long nanos, long machineTicks, Map<String, Long> ticks) {}

  /** CPU seconds by process over {@code wallSeconds}. */
  record Usage(double wallSeconds, Map<String, Double> cpuSeconds) {
    /** Share of one core, in percent (200 % is both cores of a 2-core machine). */
    double percent(String process) {
      return 100 * cpuSeconds.getOrDefault(process, 0.0) / wallSeconds;
    }

    /** CPU milliseconds per unit of work (an event, a workflow, a post). */
    double msPer(String process, long units) {
      return units == 0 ? 0 : 1000 * cpuSeconds.getOrDefault(process, 0.0) / units;
    }

    /**
     * CPU milliseconds per unit of the processes under test: every tracked process but the bench
     * JVM (load generator and receiver) and "other".
     */
    double stackMsPer(long units) {
      double seconds =
          cpuSeconds.entrySet().stream()
              .filter(e -> !e.getKey().equals("bench") && !e.getKey().equals("other"))
              .mapToDouble(Map.Entry::getValue)
              .sum();
      return units == 0 ? 0 : 1000 * seconds / units;
    }

    /**
     * The machine's capacity that went to processes not ours (other people's builds), in percent of
     * all cores over the phase: a run with much of it is a noisy one.
     */
    double otherLoadPercent() {
      return 100 * cpuSeconds.getOrDefault("other", 0.0) / (wallSeconds * CORES);
    }
  }
}
