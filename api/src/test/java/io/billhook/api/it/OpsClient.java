package io.billhook.api.it;

import io.billhook.core.codec.PayloadEncryption;
import io.billhook.core.secrets.SecretKeys;
import io.billhook.testkit.DevServer;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;

/**
 * A Temporal client as ops with the payload keys have it: it reads the runs' payloads (summaries,
 * inputs) in clear, as the Temporal UI does through the codec endpoint.
 */
final class OpsClient {
  private OpsClient() {}

  static WorkflowClient of(DevServer temporal) {
    return of(temporal, BillhookProcess.PAYLOAD_KEYS);
  }

  /** A run's history as stored (payloads encrypted), read with these keys. */
  static List<HistoryEvent> history(DevServer temporal, String workflowId, String payloadKeys) {
    return of(temporal, payloadKeys).fetchHistory(workflowId).getEvents();
  }

  static WorkflowClient of(DevServer temporal, String payloadKeys) {
    PayloadEncryption keys =
        new PayloadEncryption(
            SecretKeys.parse(List.of(payloadKeys.split(",")), "the tests' payload keys"));
    return WorkflowClient.newInstance(
        temporal.stubs(),
        WorkflowClientOptions.newBuilder()
            .setNamespace(DevServer.NAMESPACE)
            .setDataConverter(
                new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(keys)))
            .build());
  }
}
