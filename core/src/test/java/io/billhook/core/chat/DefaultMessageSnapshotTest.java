package io.billhook.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billhook.workflows.events.EventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The default message of every event type in the catalogue (and of a type it does not know) on each
 * platform, compared with a file a person can read: {@code
 * src/test/resources/chat-messages/<format>/<type>.json}. After a deliberate change, or for a new
 * event type, write them again with {@code -Dchat.snapshots.write=true} and read the difference.
 */
class DefaultMessageSnapshotTest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Path DIR = Path.of("src/test/resources/chat-messages");
  private static final String UNKNOWN_TYPE = "example.future";

  static Stream<Arguments> formatsAndTypes() {
    return Stream.of(ChatFormat.DISCORD, ChatFormat.SLACK, ChatFormat.TELEGRAM)
        .flatMap(
            format ->
                Stream.concat(
                        Arrays.stream(EventType.values()).map(EventType::wireName),
                        Stream.of(UNKNOWN_TYPE))
                    .map(type -> Arguments.of(format, type)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("formatsAndTypes")
  void theDefaultMessageReadsAsWritten(ChatFormat format, String type) throws IOException {
    ChatSettings settings =
        new ChatSettings(format, format == ChatFormat.TELEGRAM ? "-1001234567890" : null, null);
    String message =
        JSON.writeValueAsString(JSON.readTree(ChatMessages.body(settings, envelope(type)))) + "\n";
    Path file = DIR.resolve(format.wireName()).resolve(type + ".json");

    if (Boolean.getBoolean("chat.snapshots.write")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, message, StandardCharsets.UTF_8);
    }

    assertThat(file).as("snapshot %s (write it with -Dchat.snapshots.write=true)", file).exists();
    assertThat(message).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    assertThat(message).doesNotContain("hunter2").doesNotContain("password");
  }

  /** An event of the type with the data its kind carries, and credentials that must not show. */
  private static String envelope(String type) throws IOException {
    ObjectNode data = JSON.createObjectNode();
    String kind = type.substring(0, type.indexOf('.'));
    switch (kind) {
      case "subscription" ->
          data.put("subscriptionId", "sub_42")
              .put("customerId", "cus_7")
              .put("customerName", "Ada Lovelace")
              .put("productName", "Sports HD")
              .put("currentPeriodEnd", "2027-01-03T10:00:00Z");
      case "payment", "invoice" ->
          data.put("invoiceId", "in_9")
              .put("customerId", "cus_7")
              .put("customerName", "Ada Lovelace")
              .put("amount", 30)
              .put("currency", "EUR");
      case "trial" ->
          data.put("trialId", "tri_3")
              .put("customerId", "cus_7")
              .put("productName", "Sports HD")
              .put("trialEnd", "2026-12-10T10:00:00Z");
      case "webhook" ->
          data.put("endpointId", "ep_1").put("message", "This is a test event from Billhook.");
      case "endpoint" ->
          data.put("endpointId", "ep_1")
              .put("url", "https://crm.example.com/hooks")
              .put("reason", "failed every attempt since 2026-11-28T10:00:00Z")
              .put("failingSince", "2026-11-28T10:00:00Z");
      default -> data.put("customerId", "cus_7").put("customerName", "Ada Lovelace");
    }
    if (type.equals("payment.failed")) {
      data.put("reason", "card declined");
    }
    data.putObject("credentials").put("username", "ada").put("password", "hunter2");
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("id", "evt_1001").put("type", type).put("timestamp", "2026-12-03T10:02:03Z");
    envelope.set("data", data);
    return JSON.writeValueAsString(envelope);
  }
}
