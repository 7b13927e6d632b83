package io.billhook.bench;

import io.billhook.core.embedded.Poll;
import io.billhook.testkit.ChildProcess;
import io.billhook.testkit.Closer;
import io.billhook.workflows.SearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Temporal as production runs it, natively: the server binary (frontend, history, matching and
 * worker services in one process) on a PostgreSQL of its own, its schema set up by Temporal's SQL
 * tool, the namespace {@value #NAMESPACE} registered with Billhook's search attributes. bench/run
 * builds the binaries and copies the schema into {@code bench/target/temporal-server}.
 */
final class TemporalServer implements AutoCloseable {
  static final String NAMESPACE = "default";
  static final String SCHEMA = "schema/postgresql/v12";

  private final Closer started = new Closer();
  private TemporalDatabase database;
  private ChildProcess server;

  /** The frontend's gRPC address, for clients. */
  String address;

  /** The server process (all four services). */
  long pid;

  /** Its PostgreSQL's postmaster (its backends are children of it). */
  long databasePid;

  /** Starts PostgreSQL, the schema, the server and the namespace; stops what it started if not. */
  static TemporalServer start(Path home, Path work) {
    TemporalServer t = new TemporalServer();
    try {
      t.startAll(home.toAbsolutePath(), work.toAbsolutePath());
      return t;
    } catch (RuntimeException e) {
      t.close();
      throw e;
    }
  }

  private void startAll(Path home, Path work) {
    for (String needed : List.of("bin/server", "bin/sql", SCHEMA + "/temporal/versioned")) {
      if (!Files.exists(home.resolve(needed))) {
        throw new IllegalStateException(
            home.resolve(needed) + " is missing: bench/run --production-temporal builds it");
      }
    }
    Path dir = work.resolve("temporal-server");
    Path logs = work.resolve("logs");
    database = started.add(TemporalDatabase.start(dir.resolve("postgres")));
    Map<String, String> env = Map.of(TemporalServerConfig.PASSWORD_ENV, database.password());
    database.setUpSchema(
        home.resolve("bin/sql"), home.resolve(SCHEMA), logs.resolve("temporal-schema.log"));
    TemporalServerConfig config =
        TemporalServerConfig.onFreePorts(database.address(), dir.resolve("dynamic.yaml"));
    address = config.frontendAddress();
    Path file = dir.resolve("server.yaml");
    writePrivate(config.dynamicConfigFile(), TemporalServerConfig.dynamicConfig());
    writePrivate(file, config.yaml());
    List<String> command =
        new ArrayList<>(
            List.of(
                home.resolve("bin/server").toString(),
                "--config-file",
                file.toString(),
                "--allow-no-auth",
                "start"));
    for (String service : List.of("frontend", "history", "matching", "worker")) {
      command.addAll(List.of("--service", service));
    }
    server =
        started.add(
            new ChildProcess("temporal server", command, env, logs.resolve("temporal-server.log")));
    server.start();
    pid = server.pid();
    databasePid = database.pid();
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    started.add(stubs::shutdownNow);
    server.awaitReady("its frontend up", Duration.ofMinutes(2), () -> answers(stubs));
    registerNamespace(stubs);
  }

  /**
   * The namespace (1 day retention) and Billhook's four Keyword search attributes in it; then waits
   * until the frontend answers a visibility query over all four (its namespace cache has them), and
   * a few seconds more for the history and matching services' caches.
   */
  private void registerNamespace(WorkflowServiceStubs stubs) {
    RegisterNamespaceRequest namespace =
        RegisterNamespaceRequest.newBuilder()
            .setNamespace(NAMESPACE)
            .setWorkflowExecutionRetentionPeriod(
                com.google.protobuf.Duration.newBuilder().setSeconds(86_400))
            .build();
    AddSearchAttributesRequest.Builder attributes =
        AddSearchAttributesRequest.newBuilder().setNamespace(NAMESPACE);
    SearchAttributes.ALL.forEach(
        key ->
            attributes.putSearchAttributes(
                key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    ListWorkflowExecutionsRequest query =
        ListWorkflowExecutionsRequest.newBuilder()
            .setNamespace(NAMESPACE)
            .setQuery(
                SearchAttributes.ALL.stream()
                    .map(key -> key.getName() + " = 'probe'")
                    .collect(Collectors.joining(" AND ")))
            .build();
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(address)
                .validateAndBuildWithDefaults());
    try {
      await("namespace " + NAMESPACE, () -> stubs.blockingStub().registerNamespace(namespace));
      await(
          "Billhook's search attributes",
          () -> operator.blockingStub().addSearchAttributes(attributes.build()));
      await("a query by them", () -> stubs.blockingStub().listWorkflowExecutions(query));
      Poll.sleep(5_000);
    } finally {
      operator.shutdown();
    }
  }

  /**
   * Repeats the call (the server may not be ready for it yet) until it succeeds or finds it done.
   */
  private void await(String what, Runnable call) {
    AtomicReference<StatusRuntimeException> last = new AtomicReference<>();
    boolean done =
        Poll.until(
            Duration.ofSeconds(60),
            500,
            () -> {
              try {
                call.run();
                return true;
              } catch (StatusRuntimeException e) {
                last.set(e);
                return e.getStatus().getCode() == Status.Code.ALREADY_EXISTS;
              }
            });
    if (!done) {
      throw new IllegalStateException(
          "Temporal did not take " + what + ": " + last.get() + "\n" + server.logTail());
    }
  }

  private static boolean answers(WorkflowServiceStubs stubs) {
    try {
      stubs
          .blockingStub()
          .withDeadlineAfter(2, TimeUnit.SECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return true;
    } catch (StatusRuntimeException notYet) {
      return false;
    }
  }

  /** Readable by this user only: the server's configuration names its database and ports. */
  private static void writePrivate(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    started.close();
  }
}
