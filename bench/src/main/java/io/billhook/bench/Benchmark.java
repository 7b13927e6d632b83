package io.billhook.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark: how fast Billhook delivers, and what its design costs. Starts the stack, measures
 * Billhook at fan-out 1 and 3 (a fixed rate for latency, as fast as it can for throughput), the
 * floor (Temporal alone) and the ceiling (signed HTTP alone) in the same run, then the lifecycle
 * scale test, and ends with one summary line. Run through {@code bench/run}.
 */
public final class Benchmark {
  /** What Billhook makes of a payment.received report, byte for byte the size receivers get. */
  static final String ENVELOPE =
      "{\"id\":\"evt_0123456789abcdefghijklmn\",\"type\":\"payment.received\",\"timestamp\":"
          + "\"2026-01-01T00:00:00Z\",\"data\":{\"paymentId\":\"pay_1\",\"customerId\":\"cus_1\","
          + "\"amount\":1999,\"currency\":\"EUR\"}}";

  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    try {
      run(args);
    } catch (Exception | Error e) {
      // Exit explicitly here too: HTTP client threads would keep the JVM, and the stack, alive.
      e.printStackTrace();
      System.exit(2);
    }
  }

  private static void run(String[] args) throws Exception {
    BenchOptions o = BenchOptions.parse(args, Path.of("").toAbsolutePath());
    Files.createDirectories(o.work());
    System.out.printf(
        "bench: %s, %d cores, %s GiB, load average %s; %s%n",
        ZonedDateTime.now().withNano(0),
        Runtime.getRuntime().availableProcessors(),
        memoryGiB(),
        Files.readString(Path.of("/proc/loadavg")).substring(0, 14),
        (o.quick() ? "quick" : "full run")
            + (o.embedded() ? ", embedded default" : "")
            + (o.productionTemporal() ? ", production Temporal server" : ""));
    String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
    boolean broken;
    try (Stack stack = Stack.start(o);
        VerifyingReceiver receiver = new VerifyingReceiver()) {
      System.out.printf(
          "stack: Temporal %s, app pid %d (logs in %s)%n",
          stack.temporalAddress, stack.app.pid(), o.work().resolve("logs"));
      List<Row> rows = o.runs("delivery") ? deliveryPhases(stack, receiver, o, run) : List.of();
      LifecycleScale.Result lifecycle = null;
      if (o.runs("lifecycle")) {
        System.out.printf("lifecycle: %,d subscriptions%n", o.subscriptions());
        lifecycle =
            LifecycleScale.run(stack, receiver, o.subscriptions(), o.clients(), o.rollout(), run);
      }

      Report report = new Report(System.out);
      if (!rows.isEmpty()) {
        report.throughput(rows);
        report.cost(rows);
      }
      if (lifecycle != null) {
        report.lifecycle(lifecycle, stack.temporalPid > 0);
      }
      System.out.printf(
          "signatures: %,d deliveries verified, %,d refused%n",
          receiver.verified(), receiver.refused());
      Summary summary = rows.isEmpty() ? null : Summary.of(rows, o.rate());
      if (summary != null) {
        summary.printRatios();
      }
      System.out.println("targets:");
      if (summary != null) {
        summary.printTargets(report);
      }
      if (lifecycle != null) {
        Summary.printLifecycleTargets(report, lifecycle);
      }
      if (summary != null) {
        System.out.println(summary.line());
      }
      broken =
          receiver.refused() > 0
              || (lifecycle != null && lifecycle.distinctSubscriptions() < lifecycle.accepted());
    }
    // Exit explicitly: HTTP client threads would keep the JVM alive.
    System.exit(broken ? 1 : 0);
  }

  private static List<Row> deliveryPhases(
      Stack stack, VerifyingReceiver receiver, BenchOptions o, String run) throws Exception {
    List<Row> rows = new ArrayList<>();
    Phases phases = new Phases(stack, receiver, o, run);
    phases.warmUp();
    System.out.printf("measuring from %s%n", java.time.Instant.now());
    for (int fanout : new int[] {1, 3}) {
      rows.add(phases.floor(fanout));
      rows.add(phases.billhookAsFastAsPossible(fanout));
      rows.add(phases.billhookAtRate(fanout));
    }
    rows.add(phases.direct());
    if (o.compareJava() != null || o.compareJar() != null) {
      // The other app, then the first again: a drift in other load shows as base vs base.
      String java = o.compareJava() != null ? o.compareJava() : o.appJava();
      java.nio.file.Path jar = o.compareJar() != null ? o.compareJar() : o.appJar();
      for (Object[] app : new Object[][] {{java, jar, "alt"}, {o.appJava(), o.appJar(), "base"}}) {
        System.out.printf("restarting the app: %s -jar %s%n", app[0], app[1]);
        stack.restartApp((String) app[0], (java.nio.file.Path) app[1]);
        rows.addAll(phases.billhookAgain((String) app[2]));
      }
    }
    return rows;
  }

  private static String memoryGiB() throws java.io.IOException {
    String line = Files.readAllLines(Path.of("/proc/meminfo")).get(0);
    long kb = Long.parseLong(line.replaceAll("\\D", ""));
    return Long.toString(Math.round(kb / 1024.0 / 1024.0));
  }
}
