package io.billhook.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How fast a rollout reaches many waiting trials, and the heap it takes, with Temporal's in-memory
 * server in the same JVM. Opt in with the number of trials:
 *
 * <pre>
 * ./mvnw -B -o -pl core -am -Drollout.scale=10000 -Dtest=SettingsRolloutScaleTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false test
 * </pre>
 */
@EnabledIfSystemProperty(named = "rollout.scale", matches = "\\d+")
class SettingsRolloutScaleTest {
  private static final Duration NEW_LEAD = Duration.ofHours(24);

  @Test
  void reachesEveryWaitingTrial() throws Exception {
    int trials = Integer.getInteger("rollout.scale");
    try (RolloutHarness harness = new RolloutHarness()) {
      long setup = System.nanoTime();
      ExecutorService reporters = Executors.newFixedThreadPool(4);
      List<Future<?>> started = new ArrayList<>();
      for (int i = 0; i < trials; i++) {
        String id = String.format("tr_%07d", i);
        started.add(reporters.submit(() -> harness.startWaitingTrial(id)));
      }
      for (Future<?> trial : started) {
        trial.get();
      }
      reporters.shutdown();
      System.out.printf("started %d trials in %.1f s%n", trials, (System.nanoTime() - setup) / 1e9);

      System.gc();
      long heapBefore = usedHeap();
      AtomicLong peak = new AtomicLong(heapBefore);
      Thread sampler =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  peak.accumulateAndGet(usedHeap(), Math::max);
                  try {
                    Thread.sleep(50);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      sampler.setDaemon(true);
      sampler.start();
      long start = System.nanoTime();
      harness.change(NEW_LEAD);
      double seconds = (System.nanoTime() - start) / 1e9;
      sampler.interrupt();
      System.out.printf(
          "rolled out to %d trials in %.1f s: %.0f trials/s; heap %d MB before, peak %d MB"
              + " (the in-memory Temporal server included)%n",
          trials, seconds, trials / seconds, heapBefore >> 20, peak.get() >> 20);

      for (int i = 0; i < trials; i += Math.max(1, trials / 50)) {
        assertThat(harness.expiringLead(String.format("tr_%07d", i))).isEqualTo(NEW_LEAD);
      }
      assertThat(harness.expiringLead(String.format("tr_%07d", trials - 1))).isEqualTo(NEW_LEAD);
    }
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
