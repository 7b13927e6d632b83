package io.billhook.testkit;

import io.billhook.core.embedded.Poll;
import java.io.File;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A program run as a separate OS process, its output appended to one log file across restarts, that
 * can be crashed (SIGKILL: no shutdown hooks, no goodbyes), stopped (SIGTERM) and started again.
 * Closing it stops the process and whatever it started; whatever is still running when this JVM
 * exits is killed, children included.
 */
public final class ChildProcess implements AutoCloseable {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> LIVE.forEach(ChildProcess::killTree), "child-process-reaper"));
  }

  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path log;
  private Process process;
  private int starts;

  public ChildProcess(
      String name, List<String> command, Map<String, String> environment, Path log) {
    this.name = name;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.log = log.toAbsolutePath();
  }

  public synchronized ChildProcess start() {
    if (isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    starts++;
    try {
      Files.createDirectories(log.getParent());
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
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().putAll(environment);
      process = builder.start();
      LIVE.add(process);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
    return this;
  }

  /** SIGKILL, as a crash or an OOM killer would: the process gets no chance to clean up. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30), "SIGKILL");
  }

  /** SIGKILL to the process's whole process group (it must lead one: started under setsid). */
  public synchronized void killGroup() {
    try {
      new ProcessBuilder("kill", "-s", "KILL", "--", "-" + process.pid())
          .inheritIO()
          .start()
          .waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    awaitExit(Duration.ofSeconds(30), "SIGKILL of its group");
  }

  /** SIGTERM, as an init system stops a service; waits for the process to exit. */
  public synchronized void terminate(Duration timeout) {
    process.destroy();
    awaitExit(timeout, "SIGTERM");
  }

  private void awaitExit(Duration timeout, String signal) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(name + " survived " + signal + " for " + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    LIVE.remove(process);
  }

  public synchronized int exitValue() {
    return process.exitValue();
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  public synchronized long pid() {
    return process.pid();
  }

  /**
   * Polls until the condition holds; fails with the log's tail if it does not in time or the
   * process exits first.
   */
  public void awaitReady(String what, Duration timeout, BooleanSupplier ready) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ready.getAsBoolean()) {
      if (!isAlive()) {
        throw new IllegalStateException(
            name + " exited (" + exitValue() + ") before " + what + "\n" + logTail());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            name + " did not get " + what + " within " + timeout + "\n" + logTail());
      }
      Poll.sleep(200);
    }
  }

  public boolean logContains(String text) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  /** The last 40 lines of the log, headed by where it is, for failure messages. */
  public String logTail() {
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

  public Path log() {
    return log;
  }

  /**
   * SIGTERM, SIGKILL after 15 s; then the same for whatever it started that is still running (a
   * child that outlived it would hold ports and files the next test wants).
   */
  @Override
  public synchronized void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    List<ProcessHandle> children = process.descendants().toList();
    stop(process.toHandle());
    children.forEach(ChildProcess::stop);
    LIVE.remove(process);
  }

  private static void stop(ProcessHandle handle) {
    if (!handle.isAlive()) {
      return;
    }
    handle.destroy();
    if (!exited(handle)) {
      handle.destroyForcibly();
      exited(handle);
    }
  }

  private static boolean exited(ProcessHandle handle) {
    try {
      handle.onExit().get(15, TimeUnit.SECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  private static void killTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
