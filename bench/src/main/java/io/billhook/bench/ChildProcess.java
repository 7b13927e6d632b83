package io.billhook.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A process the benchmark started, its output in a log file, stopped when the benchmark ends. */
final class ChildProcess implements AutoCloseable {
  final String name;
  final Path log;
  private final Process process;

  private ChildProcess(String name, Path log, Process process) {
    this.name = name;
    this.log = log;
    this.process = process;
  }

  static ChildProcess start(String name, List<String> command, Map<String, String> env, Path log)
      throws IOException {
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return new ChildProcess(name, log, builder.start());
  }

  long pid() {
    return process.pid();
  }

  /** Waits until {@code ready}; fails with the log's tail if the process dies or time runs out. */
  void awaitReady(BooleanSupplier ready, int seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!ready.getAsBoolean()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            name + (process.isAlive() ? " not ready in " + seconds + " s" : " exited") + tail());
      }
      TemporalProbe.sleep(200);
    }
  }

  boolean logContains(String text) {
    try {
      return Files.readString(log).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return "; the end of "
          + log
          + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
