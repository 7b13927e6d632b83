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
 * The processes under test, each on its own free port: Temporal (a dev server, a production server
 * on its own PostgreSQL, or the given one), PostgreSQL (zonky's embedded binaries, or the given
 * one), Billhook's app ({@code java -jar api/target/billhook.jar}) and the floor's worker. Each is
 * measured through /proc.
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
  private TemporalMetrics temporalMetrics;
  private BenchOptions options;
  private Map<String, String> appEnv;
  private int appStarts;

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
    Map<String, String> env;
    if (o.embedded()) {
      env = EmbeddedDefault.environment(o);
    } else {
      temporalAddress =
          o.temporal() != null
              ? o.temporal()
              : o.productionTemporal() ? startProductionServer(o) : startDevServer(o, logs);
      connectTemporal();
      String jdbcUrl = o.database() != null ? o.database() : startPostgres(o);
      env = new HashMap<>(ImageEnvironment.of(o.repo().resolve("deploy/Dockerfile.worker")));
      env.put("TEMPORAL_ADDRESS", temporalAddress);
      env.put("SPRING_DATASOURCE_URL", jdbcUrl);
    }
    env.putAll(o.appEnv());
    String token = "bench-" + UUID.randomUUID();
    int port = Ports.free();
    env.putAll(
        Map.of(
            "BILLHOOK_API_TOKEN",
            token,
            "SERVER_PORT",
            Integer.toString(port),
            "BILLHOOK_ALLOW_PRIVATE_NETWORKS",
            "true",
            SecretKeys.SETTING,
            SECRET_KEYS,
            PayloadCodecConfiguration.SETTING,
            PAYLOAD_KEYS));
    env.putIfAbsent("BILLHOOK_DATA_DIR", o.work().resolve("app-data").toString());
    options = o;
    appEnv = env;
    api = new BillhookApi(port, token);
    startApp(o.appJava(), o.appJar());
    if (o.embedded()) {
      trackEmbedded(o, env);
    }
    if (temporalPid > 0) {
      temporalMetrics = TemporalMetrics.of(temporalPid);
    }

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

  /**
   * Stops the app and starts it again with {@code java}, against the same Temporal server and
   * PostgreSQL (not for the embedded default, whose app owns both).
   */
  void restartApp(String java, Path jar) throws IOException {
    app.close();
    startApp(java, jar);
  }

  private void startApp(String java, Path original) throws IOException {
    BenchOptions o = options;
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(o.appJvmOptions());
    if (o.jfr()) {
      String file = appStarts == 0 ? "app.jfr" : "app-" + (appStarts + 1) + ".jfr";
      command.add("-XX:StartFlightRecording=settings=profile,filename=" + o.work().resolve(file));
    }
    appStarts++;
    // A copy: a rebuild of api/target/billhook.jar under a running JVM breaks its class loading.
    Path jar =
        o.work().resolve("billhook-" + ProcessHandle.current().pid() + "-" + appStarts + ".jar");
    Files.copy(original, jar, StandardCopyOption.REPLACE_EXISTING);
    command.addAll(List.of("-jar", jar.toString()));
    Path log = o.work().resolve("logs/app.log");
    app = started.add(new ChildProcess("billhook app", command, appEnv, log));
    app.start();
    app.awaitReady("/actuator/health 200", Duration.ofMinutes(5), api::healthy);
    long appPid = app.pid();
    cpu.track("app", () -> ProcStats.cpuTicks(appPid, false));
  }

  /** The app's own dev server and PostgreSQL, found in /proc by their files in its data dir. */
  private void trackEmbedded(BenchOptions o, Map<String, String> env) {
    temporalAddress = "127.0.0.1:" + env.get(EmbeddedDefault.TEMPORAL_PORT);
    connectTemporal();
    Path data = Path.of(env.get("BILLHOOK_DATA_DIR"));
    temporalPid =
        ProcStats.findProgram(
            o.temporalCli().toAbsolutePath().toString(),
            EmbeddedDefault.temporalDb(data).toString());
    postgresPid = ProcStats.findPid("bin/postgres", data.resolve("postgres").toString());
    if (temporalPid < 0 || postgresPid < 0) {
      throw new IllegalStateException(
          "the app's dev server (" + temporalPid + ") or PostgreSQL (" + postgresPid + ") is gone");
    }
    cpu.track("temporal", () -> ProcStats.cpuTicks(temporalPid, false));
    cpu.track("postgres", () -> ProcStats.treeCpuTicks(postgresPid));
  }

  private void connectTemporal() {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporalAddress).build());
    started.add(stubs::shutdown);
    awaitTemporal(stubs);
    client = WorkflowClient.newInstance(stubs);
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

  /** The server binary on its own PostgreSQL, measured as "temporal" and "temporal-db". */
  private String startProductionServer(BenchOptions o) {
    TemporalServer server = started.add(TemporalServer.start(o.temporalServerHome(), o.work()));
    temporalPid = server.pid;
    long databasePid = server.databasePid;
    cpu.track("temporal", () -> ProcStats.cpuTicks(temporalPid, false));
    cpu.track("temporal-db", () -> ProcStats.treeCpuTicks(databasePid));
    return server.address;
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

  /**
   * The persistence requests so far, by operation, of the Temporal server the bench started (dev or
   * production: both serve Prometheus); empty for another server.
   */
  Map<String, Double> persistenceRequests() {
    return temporalMetrics == null ? Map.of() : temporalMetrics.persistenceRequests();
  }

  @Override
  public void close() {
    started.close();
  }
}
