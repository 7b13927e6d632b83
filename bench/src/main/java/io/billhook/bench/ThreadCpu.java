package io.billhook.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU ticks of a process by thread, from /proc/pid/task/tid/stat, summed over threads of the same
 * name once its numbers are taken out (Linux keeps 15 characters of a thread's name). Every thread
 * counts, the JVM's own included (GC, JIT compilers), which a Java profiler does not sample.
 */
final class ThreadCpu {
  private ThreadCpu() {}

  /** Ticks by thread group now. */
  static Map<String, Long> ticks(long pid) {
    Map<String, Long> byGroup = new TreeMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      tasks.forEach(
          task -> {
            try {
              String stat = Files.readString(task.resolve("stat"));
              String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
              String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
              long used = Long.parseLong(f[11]) + Long.parseLong(f[12]);
              byGroup.merge(group(name), used, Long::sum);
            } catch (IOException | RuntimeException gone) {
              // The thread ended meanwhile.
            }
          });
    } catch (IOException e) {
      return Map.of();
    }
    return byGroup;
  }

  /** A thread name with its digits replaced, so that a pool's threads add up. */
  static String group(String name) {
    return name.replaceAll("\\d+", "#");
  }

  /**
   * CPU milliseconds per unit by thread group between two readings; what threads that ended
   * meanwhile used is under "(ended threads)", the process's total minus the live ones.
   */
  static Map<String, Double> msPerUnit(
      Map<String, Long> before, Map<String, Long> after, long processTicks, long units) {
    Map<String, Double> per = new TreeMap<>();
    long live = 0;
    for (Map.Entry<String, Long> e : after.entrySet()) {
      long delta = Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
      live += delta;
      if (delta > 0) {
        per.put(e.getKey(), 1000 * delta / ProcStats.TICKS_PER_SECOND / units);
      }
    }
    if (processTicks > live) {
      per.put("(ended threads)", 1000 * (processTicks - live) / ProcStats.TICKS_PER_SECOND / units);
    }
    return per;
  }
}
