package io.billhook.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A chat platform on loopback: it checks each request against the platform's documented shape and
 * answers as the platform documents (Discord 204, Slack 200 "ok", Telegram {"ok":true,...}), or
 * with its documented 400 when the shape is wrong; answers queued with {@link #then} come first.
 */
final class ChatPlatformFake extends Dispatcher {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Received(long at, RecordedRequest request, JsonNode body) {}

  private final ChatFormat platform;
  private final LongSupplier clock;
  private final Queue<MockResponse> scripted = new ConcurrentLinkedQueue<>();
  final List<Received> received = new CopyOnWriteArrayList<>();

  ChatPlatformFake(ChatFormat platform, LongSupplier clock) {
    this.platform = platform;
    this.clock = clock;
  }

  ChatPlatformFake then(MockResponse answer) {
    scripted.add(answer);
    return this;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    JsonNode body;
    try {
      body = JSON.readTree(request.getBody().utf8());
    } catch (Exception e) {
      body = JSON.missingNode();
    }
    received.add(new Received(clock.getAsLong(), request, body));
    MockResponse next = scripted.poll();
    if (next != null) {
      return next;
    }
    String problem = problem(request, body);
    return switch (platform) {
      case DISCORD ->
          problem == null
              ? new MockResponse.Builder().code(204).build()
              : json(400, "{\"message\":\"" + problem + "\",\"code\":50006}");
      case SLACK ->
          problem == null
              ? new MockResponse.Builder().code(200).body("ok").build()
              : new MockResponse.Builder().code(400).body("invalid_payload").build();
      default ->
          problem == null
              ? json(200, "{\"ok\":true,\"result\":{\"message_id\":1,\"chat\":{\"id\":-100}}}")
              : json(
                  400,
                  "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: "
                      + problem
                      + "\"}");
    };
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  /** What is wrong with the request by the platform's documentation, or null. */
  private String problem(RecordedRequest request, JsonNode body) {
    String type = request.getHeaders().get("Content-Type");
    if (!"POST".equals(request.getMethod())
        || type == null
        || !type.startsWith("application/json")) {
      return "expected a JSON POST";
    }
    return switch (platform) {
      case DISCORD -> discord(request.getUrl().encodedPath(), body);
      case SLACK -> slack(request.getUrl().encodedPath(), body);
      default -> telegram(request.getUrl().encodedPath(), body);
    };
  }

  private static String discord(String path, JsonNode body) {
    if (!path.matches("/api/webhooks/\\d+/[A-Za-z0-9_-]+")) {
      return "Unknown Webhook";
    }
    JsonNode embeds = body.path("embeds");
    if (!body.has("content") && !embeds.isArray()) {
      return "Cannot send an empty message";
    }
    if (body.path("content").asText().length() > 2000 || embeds.size() > 10) {
      return "Invalid Form Body";
    }
    int total = 0;
    for (JsonNode embed : embeds) {
      total += embed.path("title").asText().length() + embed.path("description").asText().length();
      if (embed.path("title").asText().length() > 256 || embed.path("fields").size() > 25) {
        return "Invalid Form Body";
      }
      for (JsonNode field : embed.path("fields")) {
        total += field.path("name").asText().length() + field.path("value").asText().length();
        if (field.path("value").asText().length() > 1024
            || field.path("value").asText().isEmpty()) {
          return "Invalid Form Body";
        }
      }
    }
    return total > 6000 ? "Invalid Form Body" : null;
  }

  private static String slack(String path, JsonNode body) {
    if (!path.matches("/services/[A-Za-z0-9]+/[A-Za-z0-9]+/[A-Za-z0-9]+")) {
      return "no_service";
    }
    if (body.path("text").asText().isEmpty() && !body.path("blocks").isArray()) {
      return "no_text";
    }
    return body.path("blocks").size() > 50 ? "invalid_blocks" : null;
  }

  private static String telegram(String path, JsonNode body) {
    if (!path.matches("/bot\\d+:[A-Za-z0-9_-]+/sendMessage")) {
      return "Not Found";
    }
    String text = body.path("text").asText();
    if (!body.hasNonNull("chat_id")) {
      return "chat_id is empty";
    }
    if (text.isEmpty() || text.length() > 4096) {
      return text.isEmpty() ? "message text is empty" : "message is too long";
    }
    String mode = body.path("parse_mode").asText("");
    return mode.isEmpty() || mode.equals("HTML") || mode.equals("MarkdownV2")
        ? null
        : "unsupported parse_mode";
  }
}
