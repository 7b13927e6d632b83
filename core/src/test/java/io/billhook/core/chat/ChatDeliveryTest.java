package io.billhook.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.billhook.core.delivery.DeliveryLog;
import io.billhook.core.endpoints.Endpoint;
import io.billhook.core.endpoints.EndpointStore;
import io.billhook.core.events.Envelope;
import io.billhook.core.events.EventPublisher;
import io.billhook.core.events.EventStore;
import io.billhook.core.events.StrictJsonParser;
import io.billhook.core.testing.Endpoints;
import io.billhook.core.testing.TestDatabase;
import io.billhook.core.testing.TestDeliveries;
import io.billhook.workflows.SearchAttributes;
import io.billhook.workflows.delivery.EventDeliveryWorkflow;
import io.billhook.workflows.delivery.RetrySchedule;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Chat destinations end to end: the real delivery activities and workflow (Temporal's time
 * skipping), a real database, and each platform played by a fake on loopback that checks the
 * documented request shape and answers as the platform documents, rate limits included.
 */
@org.junit.jupiter.api.Timeout(120)
class ChatDeliveryTest {
  private static final String VENDOR = "acme";
  private static final String DATA =
      "{\"customerId\":\"cus_7\",\"customerName\":\"Ada\",\"subscriptionId\":\"sub_1\","
          + "\"productName\":\"Sports HD\",\"amount\":30,\"currency\":\"EUR\","
          + "\"currentPeriodEnd\":\"2026-12-27T10:00:00Z\","
          + "\"credentials\":{\"username\":\"ada\",\"password\":\"hunter2\"},"
          + "\"portalToken\":\"tok-s3cret\"}";

  private final MockWebServer server = new MockWebServer();
  private final JdbcClient jdbc = TestDatabase.jdbc();
  private final EndpointStore endpoints = Endpoints.store(jdbc);
  private final DeliveryLog log = new DeliveryLog(jdbc, Endpoints.DATA);
  private TestWorkflowEnvironment env;
  private ChatPlatformFake fake;

  @BeforeEach
  void setUp() {
    TestDatabase.clear();
    env = TestWorkflowEnvironment.newInstance();
    for (var key : SearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    TestDeliveries.start(
        env,
        TestDeliveries.activities(
            endpoints,
            log,
            new EventStore(jdbc, TestDatabase.transactions(), Endpoints.DATA),
            RetrySchedule.DEFAULT,
            Duration.ofSeconds(15)));
  }

  @AfterEach
  void tearDown() {
    env.close();
    server.close();
  }

  @Test
  void discordGetsAnEmbedThatPingsNobodyAndNoSecret() throws Exception {
    Endpoint endpoint = endpoint(ChatFormat.DISCORD, "/api/webhooks/123/tok_en-1", null, null);

    deliver("evt_d", "subscription.created");

    ChatPlatformFake.Received sent = only();
    assertThat(sent.request().getHeaders().get("webhook-signature")).isNull();
    assertThat(sent.request().getHeaders().get("X-Webhook-Signature")).isNull();
    JsonNode embed = sent.body().path("embeds").get(0);
    assertThat(embed.path("title").asText()).isEqualTo("subscription.created");
    assertThat(embed.path("description").asText()).isEqualTo("A subscription was created.");
    assertThat(embed.path("fields").findValuesAsText("value")).contains("cus\\_7", "Sports HD");
    assertThat(sent.body().path("allowed_mentions").path("parse").isArray()).isTrue();
    assertThat(sent.body().path("allowed_mentions").path("parse")).isEmpty();
    assertNoSecret(sent);
    assertThat(status("evt_d")).isEqualTo("succeeded");
    assertThat(onlyAttempt("evt_d").url()).endsWith("/api/webhooks/123/***");
    assertThat(deliveryUrl("evt_d")).endsWith("/api/webhooks/123/***").doesNotContain("tok_en");
    assertThat(endpoint.url()).contains("tok_en-1");
  }

  @Test
  void slackGetsTextAndBlocks() throws Exception {
    endpoint(ChatFormat.SLACK, "/services/T0001/B0001/XXXXsecret", null, null);

    deliver("evt_s", "payment.received");

    JsonNode body = only().body();
    assertThat(body.path("text").asText()).isEqualTo("A payment was received.");
    assertThat(body.path("blocks").get(0).path("type").asText()).isEqualTo("header");
    assertThat(body.path("blocks").get(1).path("fields").findValuesAsText("text"))
        .contains("*Amount*\n30 EUR", "*Customer ID*\ncus_7");
    assertNoSecret(only());
    assertThat(status("evt_s")).isEqualTo("succeeded");
    assertThat(onlyAttempt("evt_s").url()).endsWith("/services/T0001/B0001/***");
  }

  @Test
  void telegramGetsSendMessageInHtmlForItsChat() throws Exception {
    endpoint(ChatFormat.TELEGRAM, "/bot123456:AAH-token_x/sendMessage", "-1001234567890", null);

    deliver("evt_t", "subscription.expired");

    JsonNode body = only().body();
    assertThat(body.path("chat_id").asText()).isEqualTo("-1001234567890");
    assertThat(body.path("parse_mode").asText()).isEqualTo("HTML");
    assertThat(body.path("text").asText())
        .startsWith(
            "<b>A subscription ended: cancelled, or not renewed within the grace period.</b>")
        .contains("Customer: <b>Ada</b>");
    assertNoSecret(only());
    assertThat(status("evt_t")).isEqualTo("succeeded");
    assertThat(onlyAttempt("evt_t").url()).endsWith("/bot123456:***/sendMessage");
  }

  @Test
  void aTemplateIsRenderedWithoutSecretsAndSentAsPlainText() throws Exception {
    endpoint(
        ChatFormat.DISCORD,
        "/api/webhooks/1/t",
        null,
        "Welcome {{data.customerName}} to **{{{data.productName}}}**! {{data.credentials}}"
            + " {{data.portalToken}} {{.}}");

    deliver("evt_tpl", "subscription.created");

    String content = only().body().path("content").asText();
    assertThat(content).startsWith("Welcome Ada to \\*\\*Sports HD\\*\\*! ");
    assertNoSecret(only());
  }

  @Test
  void discordsRateLimitIsWaitedOutBeforeTheNextAttempt() throws Exception {
    fake(ChatFormat.DISCORD)
        .then(
            rateLimited(
                "{\"message\":\"You are being rate limited.\",\"retry_after\":64.57,"
                    + "\"global\":false}",
                "65"));
    endpoint(ChatFormat.DISCORD, "/api/webhooks/1/t", null, null);

    deliver("evt_rl_d", "payment.received");

    assertWaited(Duration.ofMillis(64_570));
    assertThat(attempts("evt_rl_d").get(0).error()).contains("rate limited by discord");
  }

  @Test
  void telegramsRateLimitIsWaitedOutBeforeTheNextAttempt() throws Exception {
    fake(ChatFormat.TELEGRAM)
        .then(
            rateLimited(
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after"
                    + " 33\",\"parameters\":{\"retry_after\":33}}",
                null));
    endpoint(ChatFormat.TELEGRAM, "/bot1:t/sendMessage", "@billing_news", null);

    deliver("evt_rl_t", "payment.received");

    assertWaited(Duration.ofSeconds(33));
  }

  @Test
  void slacksRetryAfterIsWaitedOutBeforeTheNextAttempt() throws Exception {
    fake(ChatFormat.SLACK)
        .then(new MockResponse.Builder().code(429).addHeader("Retry-After", "41").build());
    endpoint(ChatFormat.SLACK, "/services/T1/B1/x", null, null);

    deliver("evt_rl_s", "payment.received");

    assertWaited(Duration.ofSeconds(41));
  }

  @Test
  void telegramsOkFalseIsAFailedAttemptThatIsRetried() throws Exception {
    fake(ChatFormat.TELEGRAM)
        .then(ChatPlatformFake.json(200, "{\"ok\":false,\"description\":\"Internal error\"}"));
    endpoint(ChatFormat.TELEGRAM, "/bot1:t/sendMessage", "42", null);

    deliver("evt_okf", "payment.received");

    List<DeliveryLog.Attempt> attempts = attempts("evt_okf");
    assertThat(attempts).hasSize(2);
    assertThat(attempts.get(0).statusCode()).isEqualTo(200);
    assertThat(attempts.get(0).error()).contains("ok:false").contains("Internal error");
    assertThat(status("evt_okf")).isEqualTo("succeeded");
  }

  @Test
  void aChatTheBotCannotReachFailsAtOnceWithoutDisablingTheEndpoint() throws Exception {
    fake(ChatFormat.TELEGRAM)
        .then(
            ChatPlatformFake.json(
                400,
                "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not"
                    + " found\"}"));
    Endpoint endpoint = endpoint(ChatFormat.TELEGRAM, "/bot1:t/sendMessage", "42", null);

    assertThatThrownBy(() -> deliver("evt_400", "payment.received"))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .hasMessageContaining("chat not found")
        .hasMessageContaining("giving up");

    assertThat(fake.received).hasSize(1);
    assertThat(status("evt_400")).isEqualTo("failed");
    assertThat(endpoints.find(VENDOR, endpoint.id()).orElseThrow().enabled()).isTrue();
  }

  private ChatPlatformFake fake(ChatFormat format) throws Exception {
    if (fake == null) {
      fake = new ChatPlatformFake(format, env::currentTimeMillis);
      server.setDispatcher(fake);
      server.start();
    }
    return fake;
  }

  private Endpoint endpoint(ChatFormat format, String path, String chatId, String template)
      throws Exception {
    String url = fake(format) == null ? null : server.url(path).toString();
    ChatSettings chat =
        ChatSettings.DEFAULT.apply(
            new ChatSettings.Requested(format.wireName(), chatId, template), url, Map.of(), true);
    Endpoint endpoint = Endpoints.create(endpoints, VENDOR, url).withChatSettings(chat);
    endpoints.update(endpoint);
    return endpoint;
  }

  private void deliver(String eventId, String type) {
    new EventPublisher(
            endpoints,
            new EventStore(jdbc, TestDatabase.transactions(), Endpoints.DATA),
            env.getWorkflowClient(),
            RetrySchedule.DEFAULT)
        .publish(VENDOR, Envelope.of(eventId, type, Instant.now(), StrictJsonParser.parse(DATA)));
    env.getWorkflowClient()
        .newUntypedWorkflowStub(EventDeliveryWorkflow.workflowId(VENDOR, eventId))
        .getResult(List.class);
  }

  private static MockResponse rateLimited(String body, String retryAfter) {
    MockResponse.Builder answer =
        new MockResponse.Builder()
            .code(429)
            .addHeader("Content-Type", "application/json")
            .body(body);
    if (retryAfter != null) {
      answer.addHeader("Retry-After", retryAfter);
    }
    return answer.build();
  }

  /** Two requests, the second after the platform's wait (not the schedule's 5 s) and soon after. */
  private void assertWaited(Duration wait) {
    assertThat(fake.received).hasSize(2);
    Duration gap = Duration.ofMillis(fake.received.get(1).at() - fake.received.get(0).at());
    assertThat(gap).isBetween(wait, wait.plusSeconds(3));
  }

  private static void assertNoSecret(ChatPlatformFake.Received sent) {
    assertThat(sent.body().toString())
        .doesNotContain("hunter2")
        .doesNotContain("tok-s3cret")
        .doesNotContain("password");
  }

  private ChatPlatformFake.Received only() {
    assertThat(fake.received).hasSize(1);
    return fake.received.get(0);
  }

  private List<DeliveryLog.Attempt> attempts(String eventId) {
    return log.attemptsOfEvent(VENDOR, eventId);
  }

  private DeliveryLog.Attempt onlyAttempt(String eventId) {
    assertThat(attempts(eventId)).hasSize(1);
    return attempts(eventId).get(0);
  }

  private String status(String eventId) {
    return new EventStore(jdbc, TestDatabase.transactions(), Endpoints.DATA)
        .deliveries(VENDOR, eventId)
        .get(0)
        .status();
  }

  private String deliveryUrl(String eventId) {
    return new EventStore(jdbc, TestDatabase.transactions(), Endpoints.DATA)
        .deliveries(VENDOR, eventId)
        .get(0)
        .url();
  }
}
