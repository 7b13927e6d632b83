package io.billhook.core.embedded;

import io.billhook.core.config.TemporalConnection;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The embedded default's Temporal: the CLI's dev server ({@code temporal server start-dev}) as a
 * supervised child, persisting to SQLite under the data dir. Restarted with backoff if it dies;
 * stopped after the workers when Billhook stops; killed by its wrapper when this JVM dies.
 */
public class TemporalDevServer implements TemporalConnection, SmartLifecycle, AutoCloseable {
  /** Stops after the workers (which stop at {@code WorkerConfiguration.PHASE}). */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 8192;

  private static final Logger log = LoggerFactory.getLogger(TemporalDevServer.class);

  private final DevServerCommand command;
  private final Duration startTimeout;
  private final DevServerSupervisor supervisor;

  /**
   * @param codecEndpoint Billhook's codec endpoint, for the UI to show payloads in clear; null when
   *     this process serves none
   */
  public TemporalDevServer(
      DataDirectory data, EmbeddedProperties properties, String codecEndpoint) {
    data.claim();
    Path dir = data.directory("temporal");
    this.command =
        new DevServerCommand(
            TemporalCli.locate(properties.temporalCli()),
            dir,
            properties.temporalPort(),
            properties.temporalUiPort(),
            codecEndpoint);
    this.startTimeout = properties.temporalStartTimeout();
    this.supervisor = new DevServerSupervisor(command);
    supervisor.launch();
  }

  public String address() {
    return "127.0.0.1:" + command.port();
  }

  public String uiUrl() {
    return "http://127.0.0.1:" + command.uiPort();
  }

  @Override
  public void configure(WorkflowServiceStubsOptions.Builder options) {
    options.setTarget(address());
  }

  @Override
  public void awaitReady(WorkflowServiceStubs stubs, String namespace) {
    long deadline = System.nanoTime() + startTimeout.toNanos();
    DescribeNamespaceRequest request =
        DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build();
    while (true) {
      try {
        stubs.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS).describeNamespace(request);
        // The UI comes up a moment after the frontend; the banner promises both.
        try (Socket ui = new Socket()) {
          ui.connect(new InetSocketAddress("127.0.0.1", command.uiPort()), 2000);
        }
        log.info("Temporal dev server ready on {} (UI {})", address(), uiUrl());
        return;
      } catch (RuntimeException | IOException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "The Temporal dev server did not answer on "
                  + address()
                  + " within "
                  + startTimeout
                  + "; see "
                  + command.logFile(),
              notYet);
        }
        Poll.sleep(100);
      }
    }
  }

  @Override
  public boolean registersSearchAttributes() {
    return true;
  }

  @Override
  public String describe() {
    return "embedded Temporal dev server on " + address() + ", data in " + command.database();
  }

  @Override
  public void start() {
    // Launched at construction: the client needs it before any lifecycle starts.
  }

  @Override
  public void stop() {
    supervisor.stop();
  }

  /** Also when start-up fails before the lifecycle ran: the child never outlives the context. */
  @Override
  public void close() {
    supervisor.stop();
  }

  @Override
  public boolean isRunning() {
    return !supervisor.stopped();
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
