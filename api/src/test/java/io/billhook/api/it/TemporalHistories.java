package io.billhook.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.billhook.api.testing.ApiClient;
import io.billhook.api.testing.ApiClient.Response;
import io.billhook.core.codec.PayloadEncryption;
import io.billhook.testkit.DevServer;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.History;
import io.temporal.client.WorkflowClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything a Temporal server keeps of a run's history, as someone with access to it reads it: the
 * raw bytes as stored (what a history export holds), and every payload in it (inputs, results,
 * failures' details, update and query results, markers, memos, summaries) decoded as ops decode
 * them, through the app's codec endpoint with the admin token.
 */
final class TemporalHistories {
  private final WorkflowClient client;

  /** Calls {@code POST /codec/decode} as the admin, as the Temporal UI and CLI of ops do. */
  private final ApiClient admin;

  TemporalHistories(Stack stack) {
    this.client = stack.temporal.client();
    this.admin = stack.api();
  }

  History of(String workflowId) {
    return client.fetchHistory(workflowId).getHistory();
  }

  /** The history as the server stores and exports it: no payload decoded. */
  String stored(String workflowId) {
    return new String(of(workflowId).toByteArray(), StandardCharsets.UTF_8);
  }

  /**
   * The raw history and every payload of it decoded, as one text to search. Fails unless the run
   * holds encrypted payloads (else searching them would prove nothing about the codec) and the
   * codec endpoint opened every one of them.
   */
  String readable(String workflowId) {
    History history = of(workflowId);
    List<Payload> stored = payloads(history);
    // Search attributes stay in clear for the server to index: they are searched as they are.
    assertThat(stored)
        .as("payloads of %s as stored", workflowId)
        .anySatisfy(p -> assertThat(encoding(p)).isEqualTo(PayloadEncryption.ENCODING));
    List<Payload> decoded = decode(stored);
    assertThat(decoded)
        .as("payloads of %s decoded", workflowId)
        .hasSameSizeAs(stored)
        .allSatisfy(p -> assertThat(encoding(p)).isNotEqualTo(PayloadEncryption.ENCODING));
    StringBuilder text =
        new StringBuilder(new String(history.toByteArray(), StandardCharsets.UTF_8));
    for (Payload payload : decoded) {
      text.append('\n').append(payload.getData().toStringUtf8());
    }
    return text.toString();
  }

  /** The payloads as the codec endpoint decodes them: Temporal's codec protocol, in JSON. */
  private List<Payload> decode(List<Payload> payloads) {
    try {
      String body = JsonFormat.printer().print(Payloads.newBuilder().addAllPayloads(payloads));
      Response decoded =
          admin.send(
              admin
                  .request("/codec/decode")
                  .header("X-Namespace", DevServer.NAMESPACE)
                  .POST(HttpRequest.BodyPublishers.ofString(body)));
      assertThat(decoded.status()).as(decoded.body()).isEqualTo(200);
      Payloads.Builder read = Payloads.newBuilder();
      JsonFormat.parser().ignoringUnknownFields().merge(decoded.body(), read);
      return read.getPayloadsList();
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("the codec endpoint's answer is not Temporal's protocol", e);
    }
  }

  private static String encoding(Payload payload) {
    return payload.getMetadataOrDefault("encoding", ByteString.EMPTY).toStringUtf8();
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
