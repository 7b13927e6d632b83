package io.billhook.api.it;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.History;
import io.temporal.client.WorkflowClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything a Temporal server keeps of a run's history, as someone with access to it reads it: the
 * raw bytes, and every payload in it (inputs, results, failures' details, update and query results,
 * markers, memos, search attributes, summaries) decoded.
 */
final class TemporalHistories {
  private final WorkflowClient client;

  TemporalHistories(WorkflowClient client) {
    this.client = client;
  }

  History of(String workflowId) {
    return client.fetchHistory(workflowId).getHistory();
  }

  /** The raw history and every payload of it decoded, as one text to search. */
  String readable(String workflowId) {
    History history = of(workflowId);
    StringBuilder text =
        new StringBuilder(new String(history.toByteArray(), StandardCharsets.UTF_8));
    for (Payload payload : payloads(history)) {
      text.append('\n').append(decode(payload));
    }
    return text.toString();
  }

  /**
   * A payload as it reads once decoded: the one place that knows how payloads are encoded (today
   * plain JSON; an encrypting codec decodes here).
   */
  static String decode(Payload payload) {
    return new String(payload.getData().toByteArray(), StandardCharsets.UTF_8);
  }

  /** Every payload anywhere in the message, however deeply nested. */
  static List<Payload> payloads(Message message) {
    List<Payload> found = new ArrayList<>();
    collect(message, found);
    return found;
  }

  private static void collect(Message message, List<Payload> found) {
    if (message instanceof Payload payload) {
      found.add(payload);
      return;
    }
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      if (field.getKey().isRepeated()) {
        for (Object item : (List<?>) field.getValue()) {
          collect((Message) item, found);
        }
      } else {
        collect((Message) field.getValue(), found);
      }
    }
  }
}
