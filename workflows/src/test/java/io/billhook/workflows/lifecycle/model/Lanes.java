package io.billhook.workflows.lifecycle.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The environments that runs share: {@link #LANES} of them run sequences side by side. Prints what
 * each batch covered and, when sequences differ from the model, writes {@link Reports} to {@code
 * target/lifecycle-model-<test>.txt}.
 */
final class Lanes {
  static final int LANES = Integer.getInteger("lifecycle.lanes", 3);

  private static final List<Lane> lanes = new ArrayList<>();
  private static ch.qos.logback.classic.Level temporalLogLevel;

  private Lanes() {}

  /** Starts the environments and warms each up. */
  static void start() {
    // Thousands of workflow tasks: keep the SDK's debug logging out of the report.
    ch.qos.logback.classic.Logger temporal =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.temporal");
    temporalLogLevel = temporal.getLevel();
    temporal.setLevel(ch.qos.logback.classic.Level.WARN);
    for (int i = 0; i < Math.max(1, LANES); i++) {
      lanes.add(new Lane());
    }
    lanes.parallelStream().forEach(Lane::warmUp);
  }

  static void close() {
    lanes.forEach(lane -> lane.env.close());
    Calls.POOL.shutdownNow();
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.temporal"))
        .setLevel(temporalLogLevel);
  }

  /** Runs the sequences, prints what they covered, and fails if any differs from the model. */
  static void runAll(List<Run> runs, String testName) {
    String failure = runQuietly(runs, testName);
    if (failure != null) {
      throw new AssertionError(failure);
    }
  }

  /** Runs the sequences and prints what they covered; returns the failure report, if any. */
  static String runQuietly(List<Run> runs, String testName) {
    long started = System.nanoTime();
    ExecutorService pool =
        Executors.newFixedThreadPool(lanes.size(), Calls.daemon("lifecycle-lane"));
    List<Future<?>> futures = new ArrayList<>();
    for (int l = 0; l < lanes.size(); l++) {
      Lane lane = lanes.get(l);
      int first = l;
      futures.add(
          pool.submit(
              () -> {
                for (int i = first; i < runs.size(); i += lanes.size()) {
                  runs.get(i).execute(lane, testName);
                }
              }));
    }
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (Exception e) {
      throw new AssertionError("a lane failed", e);
    } finally {
      pool.shutdownNow();
    }
    long ms = (System.nanoTime() - started) / 1_000_000;
    List<Run> failed = runs.stream().filter(r -> !r.mismatches.isEmpty()).toList();
    System.out.print(Reports.coverage(runs, testName, ms, lanes.size(), failed.size()));
    if (failed.isEmpty()) {
      return null;
    }
    String report = Reports.summary(runs, failed, testName);
    Path file = Path.of("target", "lifecycle-model-" + testName + ".txt");
    try {
      Files.createDirectories(file.getParent());
      StringBuilder all = new StringBuilder(report).append("\n\nALL FAILING SEEDS\n");
      failed.forEach(r -> all.append('\n').append(Reports.of(r)));
      Files.writeString(file, all, StandardCharsets.UTF_8);
    } catch (IOException e) {
      // The assertion message below still has the essentials.
    }
    System.out.println(report);
    return report + "\n(all failing seeds: " + file.toAbsolutePath() + ")";
  }
}
