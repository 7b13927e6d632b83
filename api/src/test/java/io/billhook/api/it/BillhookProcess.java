package io.billhook.api.it;

import io.billhook.api.testing.ApiClient;
import io.billhook.core.codec.PayloadCodecConfiguration;
import io.billhook.core.secrets.SecretKeys;
import io.billhook.testkit.ChildProcess;
import io.billhook.testkit.Database;
import io.billhook.testkit.DevServer;
import io.billhook.testkit.Http;
import io.billhook.testkit.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Billhook run as an operator would run it: {@code java -jar} of a packaged jar, configured by
 * environment variables, against a dev server and a PostgreSQL that outlive it. Either the api jar
 * (REST API, plus workers unless disabled) or the worker-only jar (no HTTP).
 */
final class BillhookProcess implements AutoCloseable {
  /** The key-encryption key of every process of a test, as a deployment's share one. */
  private static final String SECRET_KEYS = SecretKeys.generate("it");

  /** The payload keys of every process of a test: API and workers must share them. */
  static final String PAYLOAD_KEYS = SecretKeys.generate("it-payloads");

  /** Fast enough for tests, long enough (about 70 s of retrying) to outlast a crash and restart. */
  static final String FAST_RETRIES =
      "PT1S,PT1S,PT2S,PT2S,PT3S,PT3S,PT5S,PT5S,PT5S,PT10S,PT10S,PT20S";

  private final String name;
  private final boolean api;
  private final int port;
  private final ChildProcess process;

  private BillhookProcess(String name, boolean api, Path jar, Map<String, String> environment) {
    this(name, api, jar, environment, List.of());
  }

  private BillhookProcess(
      String name, boolean api, Path jar, Map<String, String> environment, List<String> prefix) {
    this.name = name;
    this.api = api;
    this.port = api ? Ports.free() : -1;
    Map<String, String> env = new HashMap<>(environment);
    if (api) {
      env.put("SERVER_PORT", Integer.toString(port));
    }
    List<String> command = new ArrayList<>(prefix);
    command.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            // Quick start-up over peak speed; the tests are not about throughput.
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xmx512m",
            "-jar",
            jar.toString()));
    this.process = new ChildProcess(name, command, env, ItEnvironment.log(name));
  }

  /**
   * The README's embedded default, as is: no Temporal, database or token configured, only its own
   * data dir and free ports. It leads its own process group, so that the group can be killed.
   */
  static BillhookProcess embedded(String name, Path dataDir, Map<String, String> env) {
    Map<String, String> all = new HashMap<>();
    all.put("BILLHOOK_DATA_DIR", dataDir.toString());
    all.put("BILLHOOK_TEMPORAL_CLI", ItEnvironment.temporalCli().toString());
    all.putAll(env);
    return new BillhookProcess(name, true, ItEnvironment.apiJar(), all, List.of("setsid"));
  }

  /** The admin token as the start-up banner printed it, the last time. */
  String bannerToken() {
    Matcher token = Pattern.compile("API token:\\s+(bh_[A-Za-z0-9_-]+)").matcher(log());
    String last = null;
    while (token.find()) {
      last = token.group(1);
    }
    return last;
  }

  private String log() {
    try {
      return Files.readString(process.log());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL of the JVM's whole process group. */
  void killGroup() {
    process.killGroup();
  }

  /** SIGTERM; waits until it has stopped (gracefully) and returns its exit code. */
  int terminate() {
    process.terminate(Duration.ofSeconds(90));
    return process.exitValue();
  }

  /** The api jar: REST API and (unless {@code BILLHOOK_WORKERS_ENABLED=false}) the workers. */
  static BillhookProcess api(
      String name, DevServer temporal, Database db, Map<String, String> env) {
    return new BillhookProcess(name, true, ItEnvironment.apiJar(), environment(temporal, db, env));
  }

  /** The worker-only jar: polls the task queue, serves no HTTP. */
  static BillhookProcess worker(
      String name, DevServer temporal, Database db, Map<String, String> env) {
    return new BillhookProcess(
        name, false, ItEnvironment.workerJar(), environment(temporal, db, env));
  }

  private static Map<String, String> environment(
      DevServer temporal, Database db, Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    env.put("TEMPORAL_ADDRESS", temporal.address());
    env.put("SPRING_DATASOURCE_URL", db.jdbcUrl());
    env.put("SPRING_DATASOURCE_USERNAME", db.user());
    env.put("SPRING_DATASOURCE_PASSWORD", db.password());
    env.put("BILLHOOK_API_TOKEN", ApiClient.TOKEN);
    env.put(SecretKeys.SETTING, SECRET_KEYS);
    env.put(PayloadCodecConfiguration.SETTING, PAYLOAD_KEYS);
    // The receivers are local; outside the embedded default they would be refused.
    env.put("BILLHOOK_ALLOW_PRIVATE_NETWORKS", "true");
    env.put("BILLHOOK_RETRY_SCHEDULE", FAST_RETRIES);
    env.putAll(overrides);
    return env;
  }

  BillhookProcess start() {
    process.start();
    if (api) {
      process.awaitReady("/actuator/health UP", Duration.ofSeconds(120), this::healthy);
    } else {
      process.awaitReady(
          "started",
          Duration.ofSeconds(120),
          () -> process.logContains("Started WorkerApplication"));
    }
    return this;
  }

  /** SIGKILL: in-flight HTTP calls, activities and workflow tasks are cut off mid-way. */
  void kill() {
    process.kill();
  }

  ApiClient client() {
    if (!api) {
      throw new IllegalStateException(name + " serves no HTTP");
    }
    return new ApiClient(port);
  }

  /** Where its HTTP server is, for a browser. */
  String url() {
    return "http://127.0.0.1:" + port;
  }

  ApiClient client(String token) {
    return new ApiClient(port, token);
  }

  private boolean healthy() {
    return Http.answers200("http://127.0.0.1:" + port + "/actuator/health", "\"UP\"");
  }

  String logTail() {
    return process.logTail();
  }

  @Override
  public void close() {
    process.close();
  }
}
