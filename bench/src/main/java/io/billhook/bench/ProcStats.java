package io.billhook.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** CPU time and memory of processes, read from Linux's /proc (clock ticks of 1/100 s). */
final class ProcStats {
  static final double TICKS_PER_SECOND = 100.0;

  private ProcStats() {}

  /** utime + stime, plus the waited-for children's when {@code withChildren}. */
  static long cpuTicks(long pid, boolean withChildren) {
    String[] f = statFields(pid);
    if (f == null) {
      return 0;
    }
    long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    return withChildren ? own + Long.parseLong(f[13]) + Long.parseLong(f[14]) : own;
  }

  /** A PostgreSQL server: the postmaster with everything it reaped, plus its live backends. */
  static long treeCpuTicks(long rootPid) {
    long sum = cpuTicks(rootPid, true);
    for (long child : childrenOf(rootPid)) {
      sum += cpuTicks(child, false);
    }
    return sum;
  }

  /** Resident set size now (VmRSS), in KiB. */
  static long rssKb(long pid) {
    return statusKb(pid, "VmRSS:");
  }

  /** Peak resident set size (VmHWM), in KiB. */
  static long peakRssKb(long pid) {
    return statusKb(pid, "VmHWM:");
  }

  /** Threads of the process now. */
  static long threads(long pid) {
    return statusKb(pid, "Threads:");
  }

  /** Restarts the VmHWM peak from the current RSS (as root; best effort). */
  static void resetPeakRss(long pid) {
    try {
      Files.writeString(Path.of("/proc/" + pid + "/clear_refs"), "5");
    } catch (IOException | RuntimeException ignored) {
      // Then the peak stays the process's lifetime peak, which the report says.
    }
  }

  /** Busy ticks of the whole machine (all cores), from /proc/stat. */
  static long machineBusyTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        if (i != 4 && i != 5) { // idle, iowait
          busy += Long.parseLong(f[i]);
        }
      }
      return busy;
    } catch (IOException e) {
      return 0;
    }
  }

  /** The pid of the process whose command line contains every one of {@code parts}. */
  static long findPid(String... parts) {
    return findProgram("", parts);
  }

  /**
   * The pid of the process whose command line starts with {@code program} (not a shell that runs
   * it) and contains every one of {@code parts}.
   */
  static long findProgram(String program, String... parts) {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs
          .filter(p -> p.getFileName().toString().matches("\\d+"))
          .filter(
              p ->
                  cmdline(p)
                      .map(c -> c.startsWith(program) && Stream.of(parts).allMatch(c::contains))
                      .orElse(false))
          .mapToLong(p -> Long.parseLong(p.getFileName().toString()))
          .min()
          .orElse(-1);
    } catch (IOException e) {
      return -1;
    }
  }

  static List<Long> childrenOf(long ppid) {
    List<Long> children = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      procs
          .filter(p -> p.getFileName().toString().matches("\\d+"))
          .forEach(
              p -> {
                long pid = Long.parseLong(p.getFileName().toString());
                String[] f = statFields(pid);
                if (f != null && Long.parseLong(f[1]) == ppid) {
                  children.add(pid);
                }
              });
    } catch (IOException ignored) {
      // An empty list: the caller counts the parent only.
    }
    return children;
  }

  private static java.util.Optional<String> cmdline(Path proc) {
    try {
      byte[] raw = Files.readAllBytes(proc.resolve("cmdline"));
      return java.util.Optional.of(new String(raw, StandardCharsets.UTF_8).replace('\0', ' '));
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  /** Fields of /proc/pid/stat after the command name: [0] state, [1] ppid, ... [11] utime. */
  private static String[] statFields(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static long statusKb(long pid, String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // Gone: report 0.
    }
    return 0;
  }
}
