package io.billhook.core.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child that a previous Billhook started and left running when it died (SIGKILL, OOM): found by
 * the pid in its pid file, and stopped only when that pid is really still that program (its command
 * line names the program and the file it works on), never a stranger who got the pid.
 */
final class OrphanedProcess {
  private static final Logger log = LoggerFactory.getLogger(OrphanedProcess.class);

  private OrphanedProcess() {}

  /**
   * Stops the process named by the first line of {@code pidFile} if its command line contains every
   * one of {@code marks}; SIGTERM, then SIGKILL after {@code grace}.
   *
   * @return whether one was found and stopped
   */
  static boolean stop(Path pidFile, String what, Duration grace, String... marks) {
    Optional<ProcessHandle> orphan = find(pidFile, marks);
    if (orphan.isEmpty()) {
      return false;
    }
    ProcessHandle process = orphan.get();
    log.warn("Found {} (pid {}) left by a previous run; stopping it", what, process.pid());
    process.destroy();
    try {
      process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception stillThere) {
      log.warn("{} (pid {}) did not stop within {}; killing it", what, process.pid(), grace);
      process.destroyForcibly();
      try {
        process.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(what + " (pid " + process.pid() + ") does not stop", e);
      }
    }
    return true;
  }

  static Optional<ProcessHandle> find(Path pidFile, String... marks) {
    return readPid(pidFile)
        .flatMap(ProcessHandle::of)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.pid() != ProcessHandle.current().pid())
        .filter(p -> commandLine(p).map(line -> containsAll(line, marks)).orElse(false));
  }

  private static Optional<Long> readPid(Path pidFile) {
    try {
      if (!Files.isRegularFile(pidFile)) {
        return Optional.empty();
      }
      String first =
          Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream()
              .findFirst()
              .orElse("")
              .trim();
      return first.matches("\\d{1,10}") ? Optional.of(Long.parseLong(first)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The full command line, from /proc on Linux (exact), else from what the JDK can tell. */
  static Optional<String> commandLine(ProcessHandle process) {
    Path proc = Path.of("/proc", Long.toString(process.pid()), "cmdline");
    try {
      if (Files.isReadable(proc)) {
        return Optional.of(
            new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' '));
      }
    } catch (IOException gone) {
      return Optional.empty();
    }
    return process.info().commandLine();
  }

  private static boolean containsAll(String line, String... marks) {
    for (String mark : marks) {
      if (!line.contains(mark)) {
        return false;
      }
    }
    return true;
  }
}
