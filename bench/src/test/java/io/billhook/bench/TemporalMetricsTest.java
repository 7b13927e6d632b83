package io.billhook.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dev server's persistence requests read from its Prometheus text, per event of a phase. */
class TemporalMetricsTest {
  private static final String BEFORE =
      """
      # HELP persistence_requests persistence_requests counter
      # TYPE persistence_requests counter
      persistence_requests{namespace="default",operation="UpdateWorkflowExecution",service_name="history"} 10
      persistence_requests{namespace="default",operation="GetTasks",service_name="matching"} 4
      persistence_requests{namespace="_unknown_",operation="GetTasks",service_name="history"} 6
      persistence_latency_bucket{operation="GetTasks",le="0.001"} 99
      visibility_persistence_requests{operation="RecordWorkflowExecutionStarted",service_name="history"} 2
      """;

  @Test
  void sumsEachOperationOverServicesAndKeepsVisibilityApart() {
    assertThat(TemporalMetrics.parse(BEFORE))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "UpdateWorkflowExecution", 10.0,
                "GetTasks", 10.0,
                "visibility RecordWorkflowExecutionStarted", 2.0));
  }

  @Test
  void countsPerEventOnlyWhatThePhaseAdded() {
    String after =
        BEFORE.replace("history\"} 10", "history\"} 40")
            + "persistence_requests{operation=\"CreateWorkflowExecution\"} 10\n";

    assertThat(
            TemporalMetrics.perUnit(
                TemporalMetrics.parse(BEFORE), TemporalMetrics.parse(after), 10))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("UpdateWorkflowExecution", 3.0, "CreateWorkflowExecution", 1.0));
  }
}
