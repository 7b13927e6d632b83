package io.billhook.api.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A program the tests run as a separate OS process, its output appended to one log file across
 * restarts, that can be killed with SIGKILL (no shutdown hooks, no goodbyes) and started again.
 * Whatever is still running when the test JVM exits is killed.
 */
final class ChildProcess implements AutoCloseable {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "it-reaper"));
  }

  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path log;
  private Process process;
  private int starts;

  ChildProcess(String name, List<String> command, Map<String, String> environment) {
    this.name = name;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.log = ItEnvironment.workDir("it-logs").resolve(name + ".log");
  }

  synchronized void start() {
    if (isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    starts++;
    try {
      Files.writeString(
          log,
          "===== " + Instant.now() + " start #" + starts + ": " + String.join(" ", command) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().putAll(environment);
      process = builder.start();
      LIVE.add(process);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
  }

  /** SIGKILL, as a crash or an OOM killer would: the process gets no chance to clean up. */
  synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " survived SIGKILL for 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    LIVE.remove(process);
  }

  /** SIGKILL to the process's whole process group (it must lead one: started under setsid). */
  synchronized void killGroup() {
    long pid = process.pid();
    try {
      Process kill = new ProcessBuilder("kill", "-s", "KILL", "--", "-" + pid).inheritIO().start();
      kill.waitFor(10, TimeUnit.SECONDS);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " survived SIGKILL of its group for 30 s");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    LIVE.remove(process);
  }

  /** SIGTERM, as an init system stops a service; waits for the process to exit. */
  synchronized void terminate(Duration timeout) {
    process.destroy();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(name + " did not stop within " + timeout + " of SIGTERM");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    LIVE.remove(process);
  }

  synchronized int exitValue() {
    return process.exitValue();
  }

  synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /**
   * Polls until the condition holds; fails with the log's tail if it does not or the process dies.
   */
  void awaitReady(String what, Duration timeout, BooleanSupplier ready) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!isAlive()) {
        throw new IllegalStateException(
            name + " exited (" + process.exitValue() + ") before " + what + "\n" + logTail());
      }
      if (ready.getAsBoolean()) {
        return;
      }
      sleep(200);
    }
    throw new IllegalStateException(
        name + " did not get " + what + " within " + timeout + "\n" + logTail());
  }

  boolean logContains(String text) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "--- last lines of "
          + log
          + " ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }

  Path log() {
    return log;
  }

  @Override
  public void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LIVE.remove(process);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
