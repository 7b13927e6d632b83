package io.billhook.bench;

import io.billhook.core.codec.PayloadCodecConfiguration;
import io.billhook.core.embedded.Poll;
import io.billhook.core.secrets.SecretKeys;
import io.billhook.testkit.ChildProcess;
import io.billhook.testkit.Closer;
import io.billhook.testkit.Database;
import io.billhook.testkit.DevServer;
import io.billhook.testkit.Ports;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
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
  /** One key-encryption key for every process of the stack, as a deployment must have. */
  private static final String SECRET_KEYS = SecretKeys.generate("bench");

  private static final String PAYLOAD_KEYS = SecretKeys.generate("bench-payloads");

  private final Closer started = new Closer();
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
    int port = Ports.free();
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
        started.add(
            new ChildProcess(
                "billhook app",
                command,
                appEnvironment(o, temporalAddress, jdbcUrl, token, port),
                logs.resolve("app.log")));
    app.start();
    api = new BillhookApi(port, token);
    app.awaitReady("/actuator/health 200", Duration.ofSeconds(180), api::healthy);
    long appPid = app.pid();
    cpu.track("app", () -> ProcStats.cpuTicks(appPid, false));

    ChildProcess floor =
        started.add(
            new ChildProcess(
                "floor worker",
                List.of(
                    "java",
                    "-cp",
                    System.getProperty("java.class.path"),
                    FloorWorker.class.getName(),
                    temporalAddress),
                Map.of(),
                logs.resolve("floor-worker.log")));
    floor.start();
    floor.awaitReady(
        "polling", Duration.ofSeconds(60), () -> floor.logContains("floor worker polling"));
    long floorPid = floor.pid();
    cpu.track("floor worker", () -> ProcStats.cpuTicks(floorPid, false));
  }

  private String startDevServer(BenchOptions o, Path logs) {
    DevServer server =
        started.add(
            DevServer.inMemory(
                "temporal dev server", o.temporalCli(), logs.resolve("temporal.log")));
    temporalPid = server.pid();
    cpu.track("temporal", () -> ProcStats.cpuTicks(temporalPid, false));
    return server.address();
  }

  private static void awaitTemporal(WorkflowServiceStubs stubs) {
    boolean answering = Poll.until(Duration.ofSeconds(60), 250, () -> answersSystemInfo(stubs));
    if (!answering) {
      throw new IllegalStateException(
          "Temporal at " + stubs.getOptions().getTarget() + " is not answering");
    }
  }

  private static boolean answersSystemInfo(WorkflowServiceStubs stubs) {
    try {
      stubs.blockingStub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return true;
    } catch (RuntimeException notYet) {
      return false;
    }
  }

  private String startPostgres(BenchOptions o) throws IOException {
    Path data = o.work().resolve("postgres").toAbsolutePath();
    Database postgres = started.add(Database.startIn(data));
    postgresPid = ProcStats.findPid("bin/postgres", data.toString());
    cpu.track("postgres", () -> ProcStats.treeCpuTicks(postgresPid));
    return postgres.jdbcUrl();
  }

  @Override
  public void close() {
    started.close();
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
            o.work().resolve("app-data").toString(),
            SecretKeys.SETTING,
            SECRET_KEYS,
            PayloadCodecConfiguration.SETTING,
            PAYLOAD_KEYS));
    return env;
  }
}
