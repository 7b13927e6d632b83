package io.billhook.api.it;

import io.billhook.workflows.SearchAttributes;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code temporal server start-dev} (the Temporal CLI's dev server, with its Web UI) as a separate
 * process, persisting to a SQLite file so that it can be SIGKILLed and restarted with its workflows
 * and timers intact.
 */
final class DevServer implements AutoCloseable {
  static final String NAMESPACE = "default";

  private final int port = ItEnvironment.freePort();
  private final int uiPort = ItEnvironment.freePort();
  private final Path database;
  private final ChildProcess process;
  private WorkflowServiceStubs stubs;
  private WorkflowClient client;

  private DevServer(String name, boolean registerSearchAttributes) {
    this.database =
        ItEnvironment.workDir("it-data")
            .resolve(name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".sqlite");
    List<String> command =
        new ArrayList<>(
            List.of(
                ItEnvironment.temporalCli().toString(),
                "server",
                "start-dev",
                "--db-filename",
                database.toString(),
                "--ip",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--ui-port",
                Integer.toString(uiPort),
                "--ui-disable-news-fetch",
                "--namespace",
                NAMESPACE,
                "--log-level",
                "warn"));
    if (registerSearchAttributes) {
      SearchAttributes.ALL.forEach(
          key -> command.addAll(List.of("--search-attribute", key.getName() + "=Keyword")));
    }
    this.process = new ChildProcess("temporal-" + name, command, Map.of());
  }

  /** A dev server with Billhook's search attributes registered up front, as ops would. */
  static DevServer start(String name) {
    return start(name, true);
  }

  /**
   * @param registerSearchAttributes false leaves registering them to the app (it does so itself)
   */
  static DevServer start(String name, boolean registerSearchAttributes) {
    DevServer server = new DevServer(name, registerSearchAttributes);
    server.startProcess();
    return server;
  }

  private void startProcess() {
    process.start();
    process.awaitReady("its frontend and UI up", Duration.ofSeconds(60), this::ready);
  }

  /** SIGKILL: no graceful shutdown, whatever SQLite has committed is all that survives. */
  void kill() {
    process.kill();
  }

  /** Starts again on the same SQLite file and ports: the same server, back from a crash. */
  void restart() {
    startProcess();
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  String uiUrl() {
    return "http://127.0.0.1:" + uiPort;
  }

  /** A client in the test JVM, for what ops would query (visibility, descriptions, histories). */
  synchronized WorkflowClient client() {
    if (client == null) {
      client =
          WorkflowClient.newInstance(
              stubs(), WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build());
    }
    return client;
  }

  synchronized WorkflowServiceStubs stubs() {
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
          .withDeadlineAfter(2, java.util.concurrent.TimeUnit.SECONDS)
          .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(NAMESPACE).build());
      HttpResponse<Void> ui =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(uiUrl()))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      return ui.statusCode() == 200;
    } catch (Exception notYet) {
      return false;
    }
  }

  String logTail() {
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
