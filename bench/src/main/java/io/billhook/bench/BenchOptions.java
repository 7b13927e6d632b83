package io.billhook.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The command line of bench/run; see {@link #USAGE}. */
record BenchOptions(
    boolean quick,
    String temporal,
    Path temporalCli,
    String database,
    int subscriptions,
    double rate,
    Duration phase,
    Duration warmup,
    int clients,
    boolean jfr,
    List<String> appJvmOptions,
    Map<String, String> appEnv,
    String only,
    boolean embedded,
    String appJava,
    boolean rollout,
    String compareJava,
    Path appJar,
    Path compareJar,
    boolean productionTemporal,
    Path repo) {

  static final String USAGE =
      """
      bench/run [--quick] [--temporal host:port] [--database jdbc-url] [--subscriptions N]
                [--rate EVENTS_PER_S] [--seconds PHASE_S] [--clients N] [--jfr]
                [--app-jvm-option OPTION]... [--app-env NAME=VALUE]... [--only delivery|lifecycle]
                [--embedded] [--app-java PATH] [--compare-app-java PATH] [--rollout]
                [--app-jar PATH] [--compare-app-jar PATH] [--production-temporal]
        --quick             under 3 minutes: 5 s phases, 200 subscriptions (smoke test)
        --temporal          use this Temporal server instead of starting a dev server
        --database          use this PostgreSQL (jdbc:postgresql://...?user=..&password=..)
        --subscriptions     lifecycle scale test size (default 10000)
        --rate              fixed rate of the latency runs (default 50 events/s)
        --seconds           length of each load phase (default 20)
        --clients           concurrent clients of the as-fast-as-possible runs (default 16)
        --jfr               record the app with Java Flight Recorder (bench/target/bench/app.jfr)
        --app-jvm-option    a JVM option for the app (repeatable)
        --app-env           an environment variable for the app (repeatable); the app gets the
                            worker image's ENV (JDK_JAVA_OPTIONS, MALLOC_ARENA_MAX) unless
                            overridden, e.g. --app-env JDK_JAVA_OPTIONS= for a bare java -jar
        --only              run only the delivery phases or only the lifecycle test
        --embedded          the embedded default: the app alone, as a bare java -jar, starting its
                            own durable dev server (SQLite file) and PostgreSQL (fsync on)
        --app-java          the java binary that runs the app (default: java on the PATH)
        --compare-app-java  after the delivery phases, restart the app with this java binary, then
                            with the first again, and measure fan-out 1 (max) and fan-out 3 (at
                            --rate) each time: rows "max alt", "max base", ...
        --app-jar           the app's jar (default api/target/billhook.jar)
        --compare-app-jar   as --compare-app-java, for another build of the app
        --rollout           lifecycle test: also time a settings change re-planning every waiting
                            subscription (PUT /v1/vendors/{v}/settings)
        --production-temporal  instead of the dev server, Temporal as production runs it: the
                            server binary (frontend, history, matching, worker in one process) on a
                            PostgreSQL of its own; bench/run builds it from source (Go) first
      """;

  static BenchOptions parse(String[] args, Path repo) {
    boolean quick = List.of(args).contains("--quick");
    String temporal = null;
    String database = null;
    int subscriptions = quick ? 200 : 10_000;
    double rate = 50;
    int seconds = quick ? 5 : 20;
    int clients = 16;
    boolean jfr = false;
    List<String> jvm = new ArrayList<>();
    Map<String, String> env = new LinkedHashMap<>();
    String only = null;
    boolean embedded = false;
    String appJava = "java";
    boolean rollout = false;
    String compareJava = null;
    Path appJar = repo.resolve("api/target/billhook.jar");
    Path compareJar = null;
    boolean productionTemporal = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> {}
        case "--temporal" -> temporal = args[++i];
        case "--database" -> database = args[++i];
        case "--subscriptions" -> subscriptions = Integer.parseInt(args[++i]);
        case "--rate" -> rate = Double.parseDouble(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--clients" -> clients = Integer.parseInt(args[++i]);
        case "--jfr" -> jfr = true;
        case "--app-jvm-option" -> jvm.add(args[++i]);
        case "--app-env" -> {
          String[] pair = args[++i].split("=", 2);
          env.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        case "--only" -> only = part(args[++i]);
        case "--embedded" -> embedded = true;
        case "--app-java" -> appJava = args[++i];
        case "--rollout" -> rollout = true;
        case "--compare-app-java" -> compareJava = args[++i];
        case "--app-jar" -> appJar = Path.of(args[++i]).toAbsolutePath();
        case "--compare-app-jar" -> compareJar = Path.of(args[++i]).toAbsolutePath();
        case "--production-temporal" -> productionTemporal = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
      }
    }
    if (productionTemporal && (temporal != null || embedded)) {
      throw new IllegalArgumentException(
          "--production-temporal starts a Temporal server of its own: not with "
              + (embedded ? "--embedded" : "--temporal"));
    }
    return new BenchOptions(
        quick,
        temporal,
        repo.resolve("bench/target/temporal-cli/bin/temporal"),
        database,
        subscriptions,
        rate,
        Duration.ofSeconds(seconds),
        Duration.ofSeconds(quick ? 5 : 30),
        clients,
        jfr,
        List.copyOf(jvm),
        Map.copyOf(env),
        only,
        embedded,
        appJava,
        rollout,
        compareJava,
        appJar,
        compareJar,
        productionTemporal,
        repo);
  }

  private static String part(String name) {
    if (!name.equals("delivery") && !name.equals("lifecycle")) {
      throw new IllegalArgumentException("--only takes delivery or lifecycle, not " + name);
    }
    return name;
  }

  /** Whether this run includes {@code part} ("delivery" or "lifecycle"). */
  boolean runs(String part) {
    return only == null || only.equals(part);
  }

  Path work() {
    return repo.resolve("bench/target/bench");
  }

  /** Where bench/run builds the production Temporal server: bin/server, bin/sql, schema/. */
  Path temporalServerHome() {
    return repo.resolve("bench/target/temporal-server");
  }
}
