package io.billhook.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.core.secrets.SecretKeys;
import io.billhook.workflows.delivery.EventDeliveryWorkflowImpl;
import io.billhook.workflows.lifecycle.SettingsRolloutWorkflowImpl;
import io.billhook.workflows.lifecycle.SubscriptionLifecycleWorkflowImpl;
import io.billhook.workflows.lifecycle.TrialLifecycleWorkflowImpl;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.internal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs written before payloads were encrypted go on with the codec in place: every recorded history
 * (plain payloads) replays on workers whose data converter encrypts.
 */
class PlainHistoriesReplayTest {
  private static final Path HISTORIES = Path.of("../workflows/src/test/resources/histories");
  private static TestWorkflowEnvironment environment;
  private static Worker worker;

  @TestFactory
  Stream<DynamicTest> everyRecordedHistoryReplaysThroughTheCodec() throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(HISTORIES)) {
      files = walk.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).as("recorded histories in " + HISTORIES.toAbsolutePath()).isNotEmpty();
    return files.stream()
        .map(f -> DynamicTest.dynamicTest(HISTORIES.relativize(f).toString(), () -> replay(f)));
  }

  private static void replay(Path file) throws Exception {
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(Files.readString(file, StandardCharsets.UTF_8));
    WorkflowReplayer.replayWorkflowExecution(history, worker);
  }

  /** Workers as Billhook builds them: their client's data converter encrypts. */
  @BeforeAll
  static void workersWithTheCodec() {
    PayloadEncryption codec =
        new PayloadEncryption(
            SecretKeys.parse(List.of(SecretKeys.generate("k1")), "BILLHOOK_PAYLOAD_KEYS"));
    environment =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setDataConverter(
                            new CodecDataConverter(
                                DefaultDataConverter.newDefaultInstance(), List.of(codec)))
                        .build())
                .build());
    // What is tested is the data conversion; a cold JVM on a busy machine links slowly.
    worker =
        environment.newWorker(
            "replay",
            WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(30_000).build());
    worker.registerWorkflowImplementationTypes(
        EventDeliveryWorkflowImpl.class,
        TrialLifecycleWorkflowImpl.class,
        SubscriptionLifecycleWorkflowImpl.class,
        SettingsRolloutWorkflowImpl.class);
  }

  @AfterAll
  static void close() {
    environment.close();
  }
}
