package io.billhook.workflows.histories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every recorded history ({@code src/test/resources/histories/<workflow type>/*.json}) on
 * the workflow code as it is now, and fails on any non-determinism: a change that fails here would
 * break the runs in production that took that path. Put such a change behind {@code
 * Workflow.getVersion} (docs/workflow-versioning.md); never re-record to make this pass. New
 * recordings come from {@link HistoryRecorder}.
 */
class RecordedHistoriesReplayTest {
  private static final Map<String, Class<?>> IMPLEMENTATIONS =
      RecordedHistories.implementationsByType();

  @TestFactory
  Stream<DynamicTest> everyRecordedHistoryReplaysOnTheCurrentCode() {
    List<Path> files = RecordedHistories.files();
    assertThat(files).as("recorded histories on the test classpath").isNotEmpty();
    return files.stream()
        .map(
            file ->
                dynamicTest(
                    file.getParent().getFileName() + "/" + file.getFileName(), () -> replay(file)));
  }

  @Test
  void everyWorkflowTypeHasRecordedHistories() {
    List<String> recordedTypes =
        RecordedHistories.files().stream()
            .map(f -> f.getParent().getFileName().toString())
            .distinct()
            .toList();
    assertThat(IMPLEMENTATIONS).isNotEmpty();
    assertThat(recordedTypes).containsAll(IMPLEMENTATIONS.keySet());
  }

  private static void replay(Path file) throws Exception {
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(Files.readString(file, StandardCharsets.UTF_8));
    String type =
        history
            .getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getWorkflowType()
            .getName();
    assertThat(type)
        .as("workflow type of " + file.getFileName())
        .isEqualTo(file.getParent().getFileName().toString());
    assertThat(IMPLEMENTATIONS).as("workflow implementations").containsKey(type);
    WorkflowReplayer.replayWorkflowExecution(history, IMPLEMENTATIONS.get(type));
  }
}
