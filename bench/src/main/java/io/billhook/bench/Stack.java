package io.billhook.bench;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The processes under test, each on its own free port: Temporal (a dev server, or the given one),
 * PostgreSQL (zonky's embedded binaries, or the given one), Billhook's app ({@code java -jar
 * api/target/billhook.jar}) and the floor's worker. Each is measured through /proc.
 */
final class Stack implements AutoCloseable {
  private static final String[] SEARCH_ATTRIBUTES = {
    "VendorId", "EventType", "SubscriptionId", "CustomerId"
  };

  final List<AutoCloseable> started = new ArrayList<>();
  final CpuMeter cpu = new CpuMeter();
  String temporalAddress;
  long temporalPid = -1;
  long postgresPid = -1;
  ChildProcess app;
  BillhookApi api;
  WorkflowClient client;

  static Stack start(BenchOptions options) throws Exception {
    Stack stack = new Stack();
    try {
      stack.startAll(options);
      return stack;
    } catch (Exception e) {
      stack.close();
      throw e;
    }
  }

  private void startAll(BenchOptions o) throws Exception {
    Path logs = o.work().resolve("logs");
    cpu.track("bench", () -> ProcStats.cpuTicks(ProcessHandle.current().pid(), false));
    temporalAddress = o.temporal() != null ? o.temporal() : startDevServer(o, logs);
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporalAddress).build());
    started.add(stubs::shutdown);
    awaitTemporal(stubs);
    client = WorkflowClient.newInstance(stubs);
    String jdbcUrl = o.database() != null ? o.database() : startPostgres(o);

    String token = "bench-" + UUID.randomUUID();
    int port = ChildProcess.freePort();
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(o.appJvmOptions());
    if (o.jfr()) {
      command.add(
          "-XX:StartFlightRecording=settings=profile,filename=" + o.work().resolve("app.jfr"));
    }
    // A copy: a rebuild of api/target/billhook.jar under a running JVM breaks its class loading.
    Path jar = o.work().resolve("billhook.jar");
    Files.copy(
        o.repo().resolve("api/target/billhook.jar"), jar, StandardCopyOption.REPLACE_EXISTING);
    command.addAll(List.of("-jar", jar.toString()));
    app =
        ChildProcess.start(
            "billhook app",
            command,
            appEnvironment(o, temporalAddress, jdbcUrl, token, port),
            logs.resolve("app.log"));
    started.add(app);
    api = new BillhookApi(port, token);
    app.awaitReady(api::healthy, 180);
    long appPid = app.pid();
    cpu.track("app", () -> ProcStats.cpuTicks(appPid, false));

    ChildProcess floor =
        ChildProcess.start(
            "floor worker",
            List.of(
                "java",
                "-cp",
                System.getProperty("java.class.path"),
                FloorWorker.class.getName(),
                temporalAddress),
            Map.of(),
            logs.resolve("floor-worker.log"));
    started.add(floor);
    floor.awaitReady(() -> floor.logContains("floor worker polling"), 60);
    cpu.track("floor worker", () -> ProcStats.cpuTicks(floor.pid(), false));
  }

  private String startDevServer(BenchOptions o, Path logs) throws IOException {
    int port = ChildProcess.freePort();
    List<String> command =
        new ArrayList<>(
            List.of(
                o.temporalCli().toString(),
                "server",
                "start-dev",
                "--headless",
                "--ip",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--namespace",
                "default",
                "--log-level",
                "error"));
    for (String attribute : SEARCH_ATTRIBUTES) {
      command.addAll(List.of("--search-attribute", attribute + "=Keyword"));
    }
    ChildProcess server =
        ChildProcess.start("temporal dev server", command, Map.of(), logs.resolve("temporal.log"));
    started.add(server);
    temporalPid = server.pid();
    cpu.track("temporal", () -> ProcStats.cpuTicks(temporalPid, false));
    return "127.0.0.1:" + port;
  }

  private static void awaitTemporal(WorkflowServiceStubs stubs) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try {
        stubs.blockingStub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
        return;
      } catch (RuntimeException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Temporal is not answering", notYet);
        }
        TemporalProbe.sleep(250);
      }
    }
  }

  private String startPostgres(BenchOptions o) throws IOException {
    Path data = o.work().resolve("postgres").toAbsolutePath();
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true).start();
    started.add(postgres);
    postgresPid = ProcStats.findPid("bin/postgres", data.toString());
    cpu.track("postgres", () -> ProcStats.treeCpuTicks(postgresPid));
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        System.err.println("bench: stopping failed: " + e);
      }
    }
  }

  private static Map<String, String> appEnvironment(
      BenchOptions o, String temporalAddress, String jdbcUrl, String token, int port) {
    Map<String, String> env =
        new HashMap<>(ImageEnvironment.of(o.repo().resolve("deploy/Dockerfile.worker")));
    env.putAll(o.appEnv());
    env.putAll(
        Map.of(
            "TEMPORAL_ADDRESS",
            temporalAddress,
            "SPRING_DATASOURCE_URL",
            jdbcUrl,
            "BILLHOOK_API_TOKEN",
            token,
            "SERVER_PORT",
            Integer.toString(port),
            "BILLHOOK_ALLOW_PRIVATE_NETWORKS",
            "true",
            "BILLHOOK_DATA_DIR",
            o.work().resolve("app-data").toString()));
    return env;
  }
}
