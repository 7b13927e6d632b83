package io.billhook.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.core.codec.PayloadCodecConfiguration;
import io.billhook.core.secrets.SecretKeys;
import io.billhook.testkit.Database;
import io.billhook.testkit.DevServer;
import io.billhook.testkit.Receiver;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Payload keys rotate under running deliveries: a delivery started (and retrying) under k1 goes on
 * after every process restarts with a new key k2 first, and delivers. Its history holds payloads
 * under both keys, none in clear.
 */
@Timeout(300)
class PayloadKeyRotationIT {
  private static final String K1 = SecretKeys.generate("k1");
  private static final String K2 = SecretKeys.generate("k2");

  /**
   * About three minutes of retrying, so that the delivery does not give up while the app is down.
   */
  private static final String PATIENT_RETRIES = "PT1S,PT2S" + ",PT3S".repeat(60);

  @AutoClose private final Receiver receiver = Receiver.start();
  @AutoClose private final DevServer temporal = ItEnvironment.devServer("key-rotation", true);
  @AutoClose private final Database db = Database.start();

  @Test
  void aDeliveryStartedUnderTheOldKeyDeliversAfterANewKeyIsPutFirst() {
    receiver.answer(503);
    String runId;
    Vendors vendor;
    try (BillhookProcess before = app("key-rotation-k1", K1)) {
      vendor = Vendors.fresh(before.client(), "rotation");
      vendor.endpoint(receiver.url("/hook"));
      vendor.accepted("evt_rotation", "payment.received", "{\"customerId\":\"cus_rotation\"}");
      receiver.await("a refused attempt", d -> d.answered() == 503, Duration.ofSeconds(30));
      runId = "event/" + vendor.id + "/evt_rotation";
      before.terminate();
    }

    try (BillhookProcess after = app("key-rotation-k2", K2 + "," + K1)) {
      receiver.answer(200);
      receiver.awaitAccepted("payment.received", Duration.ofSeconds(60));
      vendor
          .on(after.client())
          .awaitEventStatus("evt_rotation", "succeeded", Duration.ofSeconds(30));
    }

    List<String> keyIds =
        OpsClient.history(temporal, runId, K2 + "," + K1).stream()
            .flatMap(PayloadKeyRotationIT::payloads)
            .map(p -> p.getMetadataOrThrow("encryption-key-id").toStringUtf8())
            .toList();
    assertThat(keyIds).first().isEqualTo("k1");
    assertThat(keyIds).contains("k2").containsOnly("k1", "k2");
  }

  private BillhookProcess app(String name, String payloadKeys) {
    return BillhookProcess.api(
            name,
            temporal,
            db,
            Map.of(
                PayloadCodecConfiguration.SETTING,
                payloadKeys,
                "BILLHOOK_RETRY_SCHEDULE",
                PATIENT_RETRIES))
        .start();
  }

  /** The payloads of the event as stored: workflow input, activity inputs and results. */
  private static java.util.stream.Stream<Payload> payloads(HistoryEvent e) {
    return switch (e.getEventType()) {
      case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED ->
          e.getWorkflowExecutionStartedEventAttributes().getInput().getPayloadsList().stream();
      case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED ->
          e.getActivityTaskScheduledEventAttributes().getInput().getPayloadsList().stream();
      case EVENT_TYPE_ACTIVITY_TASK_COMPLETED ->
          e.getActivityTaskCompletedEventAttributes().getResult().getPayloadsList().stream();
      default -> java.util.stream.Stream.empty();
    };
  }
}
