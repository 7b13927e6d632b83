package io.billhook.testkit;

import io.billhook.core.embedded.DevServerCommand;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code temporal server start-dev} (the Temporal CLI's dev server) as a separate process on free
 * loopback ports, started with the command line of the embedded default ({@link DevServerCommand}).
 * Ready once its {@value #NAMESPACE} namespace answers (and its Web UI, if it has one).
 */
public final class DevServer implements AutoCloseable {
  public static final String NAMESPACE = "default";

  private final int port;
  private final String uiUrl;
  private final ChildProcess process;
  private WorkflowServiceStubs stubs;
  private WorkflowClient client;

  private DevServer(String name, int port, String uiUrl, List<String> command, Path log) {
    this.port = port;
    this.uiUrl = uiUrl;
    this.process = new ChildProcess(name, command, Map.of(), log);
  }

  /**
   * As the embedded default runs it: persisted to a SQLite file in {@code dir}, so that it can be
   * SIGKILLed and restarted with its workflows and timers intact, with its Web UI.
   *
   * @param searchAttributes false leaves registering Billhook's search attributes to the app
   */
  public static DevServer persistent(
      String name, Path cli, Path dir, Path log, boolean searchAttributes) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DevServerCommand command = new DevServerCommand(cli, dir, Ports.free(), Ports.free());
    return new DevServer(
            name,
            command.port(),
            "http://127.0.0.1:" + command.uiPort(),
            command.server(searchAttributes),
            log)
        .startProcess();
  }

  /** In memory and headless, with Billhook's search attributes, logging errors only. */
  public static DevServer inMemory(String name, Path cli, Path log) {
    int port = Ports.free();
    List<String> command = new ArrayList<>(DevServerCommand.startDev(cli, port, "error", true));
    command.add("--headless");
    return new DevServer(name, port, null, command, log).startProcess();
  }

  /** Starts it and waits until it is ready; stops it if it does not get there. */
  private DevServer startProcess() {
    try {
      process.start();
      process.awaitReady("its frontend up", Duration.ofSeconds(60), this::ready);
      return this;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** SIGKILL: no graceful shutdown; whatever SQLite has committed is all that survives. */
  public void kill() {
    process.kill();
  }

  /** Starts again on the same ports (and SQLite file): the same server, back from a crash. */
  public void restart() {
    startProcess();
  }

  public String address() {
    return "127.0.0.1:" + port;
  }

  /** Where its Web UI is; a headless server has none. */
  public String uiUrl() {
    if (uiUrl == null) {
      throw new IllegalStateException("a headless dev server has no UI");
    }
    return uiUrl;
  }

  public long pid() {
    return process.pid();
  }

  /** A client in this JVM, for what ops would query (visibility, descriptions, histories). */
  public synchronized WorkflowClient client() {
    if (client == null) {
      client =
          WorkflowClient.newInstance(
              stubs(), WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build());
    }
    return client;
  }

  public synchronized WorkflowServiceStubs stubs() {
    if (stubs == null) {
      stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(address()).build());
    }
    return stubs;
  }

  private boolean ready() {
    try {
      stubs()
          .blockingStub()
          .withDeadlineAfter(2, TimeUnit.SECONDS)
          .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(NAMESPACE).build());
    } catch (RuntimeException notYet) {
      return false;
    }
    return uiUrl == null || Http.answers200(uiUrl, "");
  }

  public String logTail() {
    return process.logTail();
  }

  @Override
  public void close() {
    if (stubs != null) {
      stubs.shutdownNow();
    }
    process.close();
  }
}
