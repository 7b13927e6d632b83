package io.billhook.core.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the dev server as a child and keeps it running: replaces one left by a dead Billhook,
 * restarts it with backoff when it dies, stops it (gracefully, then not) on request.
 */
final class DevServerSupervisor {
  private static final Logger log = LoggerFactory.getLogger(DevServerSupervisor.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Duration HEALTHY_RUN = Duration.ofSeconds(60);
  private static final long MAX_LOG_BYTES = 50L * 1024 * 1024;

  private final DevServerCommand command;
  private Process wrapper;
  private volatile boolean stopped;
  private final ScheduledExecutorService restarts =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "temporal-supervisor");
            thread.setDaemon(true);
            return thread;
          });
  private Duration backoff = Duration.ofSeconds(1);

  DevServerSupervisor(DevServerCommand command) {
    this.command = command;
  }

  /** Starts the server after replacing any orphan; returns at once (the caller awaits ready). */
  synchronized void launch() {
    OrphanedProcess.stop(
        command.pidFile(), "a Temporal dev server", Duration.ofSeconds(15), command.marks());
    awaitPortsFree();
    startChild();
  }

  private void startChild() {
    try {
      Files.deleteIfExists(command.pidFile());
      if (Files.exists(command.logFile()) && Files.size(command.logFile()) > MAX_LOG_BYTES) {
        Files.move(
            command.logFile(),
            command.logFile().resolveSibling("temporal.log.1"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      ProcessBuilder builder =
          new ProcessBuilder(command.wrapped())
              .directory(command.dir().toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(command.logFile().toFile()));
      builder.environment().put("BILLHOOK_PID_FILE", command.pidFile().toString());
      Process started = builder.start();
      wrapper = started;
      long since = System.nanoTime();
      started.onExit().thenAccept(exited -> onExit(exited, since));
      log.info("Started the Temporal dev server (log {})", command.logFile());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the Temporal dev server", e);
    }
  }

  private synchronized void onExit(Process exited, long since) {
    if (stopped || exited != wrapper) {
      return;
    }
    Duration ran = Duration.ofNanos(System.nanoTime() - since);
    if (ran.compareTo(HEALTHY_RUN) >= 0) {
      backoff = Duration.ofSeconds(1);
    }
    log.warn(
        "The Temporal dev server exited ({}) after {} s; restarting in {} s (log {})",
        exited.exitValue(),
        ran.toSeconds(),
        backoff.toSeconds(),
        command.logFile());
    scheduleRestart();
  }

  private void scheduleRestart() {
    restarts.schedule(this::restart, backoff.toMillis(), TimeUnit.MILLISECONDS);
    Duration doubled = backoff.multipliedBy(2);
    backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
  }

  private synchronized void restart() {
    if (stopped) {
      return;
    }
    try {
      launch();
    } catch (RuntimeException e) {
      log.error("Could not restart the Temporal dev server; trying again in {} s", backoff, e);
      scheduleRestart();
    }
  }

  /** Closing its stdin makes the wrapper SIGTERM the server; SIGKILL if it lingers. */
  synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    restarts.shutdownNow();
    if (wrapper == null) {
      return;
    }
    log.info("Stopping the Temporal dev server");
    try {
      wrapper.getOutputStream().close();
    } catch (IOException ignored) {
      // Already closed: the wrapper has gone.
    }
    try {
      if (!wrapper.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
        log.warn("The Temporal dev server did not stop within {}; killing it", STOP_GRACE);
        OrphanedProcess.find(command.pidFile(), command.marks())
            .ifPresent(ProcessHandle::destroyForcibly);
        wrapper.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      Files.deleteIfExists(command.pidFile());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      log.debug("Could not delete {}", command.pidFile(), e);
    }
  }

  boolean stopped() {
    return stopped;
  }

  /** A stranger on our ports would make the server exit at once: say so instead. */
  private void awaitPortsFree() {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    for (int port : new int[] {command.port(), command.uiPort()}) {
      while (!free(port)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Port "
                  + port
                  + " on 127.0.0.1 is taken by another program; stop it, or set"
                  + " BILLHOOK_TEMPORAL_PORT and BILLHOOK_TEMPORAL_UI_PORT to free ports");
        }
        Poll.sleep(200);
      }
    }
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return socket.isBound();
    } catch (IOException taken) {
      return false;
    }
  }
}
