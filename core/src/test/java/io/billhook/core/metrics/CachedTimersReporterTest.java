package io.billhook.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.tally.StatsReporter;
import com.uber.m3.util.Duration;
import com.uber.m3.util.ImmutableMap;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The SDK's timings reach the registry as the SDK's own reporter would put them there. */
class CachedTimersReporterTest {
  private static final Map<String, String> REQUEST =
      new ImmutableMap<>(Map.of("namespace", "default", "operation", "StartWorkflowExecution"));
  private static final Map<String, String> POLL =
      new ImmutableMap<>(Map.of("namespace", "default", "operation", "PollWorkflowTaskQueue"));

  @Test
  void theSameTimersWithTheSameTagsHistogramsAndCounts() {
    SimpleMeterRegistry ours = new SimpleMeterRegistry();
    SimpleMeterRegistry sdks = new SimpleMeterRegistry();
    report(new CachedTimersReporter(ours));
    report(new MicrometerClientStatsReporter(sdks));

    for (Map<String, String> tags : List.of(REQUEST, POLL)) {
      Timer mine = timer(ours, tags);
      Timer theirs = timer(sdks, tags);
      assertThat(mine.getId()).isEqualTo(theirs.getId());
      assertThat(mine.count()).isEqualTo(theirs.count());
      assertThat(mine.totalTime(TimeUnit.MILLISECONDS))
          .isEqualTo(theirs.totalTime(TimeUnit.MILLISECONDS));
      assertThat(mine.takeSnapshot().histogramCounts())
          .hasSameSizeAs(theirs.takeSnapshot().histogramCounts());
    }
    assertThat(timer(ours, REQUEST).count()).isEqualTo(2);
  }

  private static void report(StatsReporter reporter) {
    reporter.reportTimer("temporal_request_latency", REQUEST, Duration.ofMillis(12));
    reporter.reportTimer("temporal_request_latency", REQUEST, Duration.ofMillis(30));
    reporter.reportTimer("temporal_request_latency", POLL, Duration.ofMillis(500));
  }

  private static Timer timer(SimpleMeterRegistry registry, Map<String, String> tags) {
    return registry.get("temporal_request_latency").tag("operation", tags.get("operation")).timer();
  }
}
