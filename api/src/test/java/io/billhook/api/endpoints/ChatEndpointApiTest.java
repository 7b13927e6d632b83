package io.billhook.api.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billhook.api.testing.ApiClient;
import io.billhook.api.testing.ApiClient.Response;
import io.billhook.api.testing.ApiTest;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Chat destinations through the API: a Discord endpoint whose URL (token included) points at a
 * loopback stand-in, as the embedded default allows; its token never shown; every bad setting
 * refused with a 400 in the caller's terms; the test action showing the message it sent.
 */
@ApiTest
class ChatEndpointApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  private final MockWebServer discord = new MockWebServer();
  private ApiClient api;
  private String endpoints;

  @BeforeEach
  void setUp() throws Exception {
    discord.start();
    api = new ApiClient(port);
    endpoints = "/v1/vendors/c" + UUID.randomUUID().toString().substring(0, 8) + "/endpoints";
  }

  @AfterEach
  void tearDown() {
    discord.close();
  }

  @Test
  void aDiscordEndpointNeverShowsItsTokenAndItsTestShowsTheMessage() throws Exception {
    discord.enqueue(new MockResponse.Builder().code(204).build());
    String url = discord.url("/api/webhooks/123/s3cret-token").toString();

    Response created =
        api.post(
            endpoints,
            "{\"url\":\""
                + url
                + "\",\"events\":[\"*\"],\"format\":\"discord\","
                + "\"template\":\"{{type}}: {{data.message}}\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("id").asText();
    assertThat(created.json().path("format").asText()).isEqualTo("discord");
    assertThat(created.json().path("url").asText()).endsWith("/api/webhooks/123/***");
    assertThat(created.body()).doesNotContain("s3cret-token");
    assertThat(api.get(endpoints + "/" + id).body()).doesNotContain("s3cret-token");

    Response tested = api.post(endpoints + "/" + id + "/test", "");

    assertThat(tested.status()).isEqualTo(202);
    assertThat(tested.json().path("type").asText()).isEqualTo("webhook.test");
    assertThat(tested.json().path("message").path("content").asText())
        .isEqualTo("webhook.test\\: This is a test event from Billhook.");
    RecordedRequest posted = discord.takeRequest(20, TimeUnit.SECONDS);
    assertThat(posted).isNotNull();
    assertThat(posted.getUrl().encodedPath()).isEqualTo("/api/webhooks/123/s3cret-token");
    JsonNode body = JSON.readTree(posted.getBody().utf8());
    assertThat(body).isEqualTo(tested.json().path("message"));
    assertThat(api.get(endpoints + "/" + id + "/attempts").body()).doesNotContain("s3cret-token");
  }

  @Test
  void badChatSettingsAreRefusedInTheCallersTerms() {
    String discordUrl = discord.url("/api/webhooks/1/t").toString();
    assertRefused(
        "{\"url\":\"" + discordUrl + "\",\"events\":[\"*\"],\"format\":\"teams\"}",
        "format must be one of billhook, discord, slack, telegram");
    assertRefused(
        "{\"url\":\"" + discord.url("/hook") + "\",\"events\":[\"*\"],\"format\":\"discord\"}",
        "url must be the discord URL the platform gives you");
    assertRefused(
        "{\"url\":\"https://discord.com.evil.example/api/webhooks/1/t\",\"events\":[\"*\"],"
            + "\"format\":\"discord\"}",
        "url must be the discord URL");
    assertRefused(
        "{\"url\":\""
            + discord.url("/bot1:t/sendMessage")
            + "\",\"events\":[\"*\"],"
            + "\"format\":\"telegram\"}",
        "chatId is required for telegram");
    assertRefused(
        "{\"url\":\""
            + discordUrl
            + "\",\"events\":[\"*\"],\"format\":\"discord\","
            + "\"template\":\"Hi\\n{{#data.items}}\"}",
        "template does not parse at line 2, column 1: section 'data.items' is never closed");
    assertRefused(
        "{\"url\":\"" + discordUrl + "\",\"events\":[\"*\"],\"template\":\"{{type}}\"}",
        "template applies to the discord, slack and telegram formats only");
  }

  @Test
  void patchChecksTheFormatAgainstTheStoredUrl() {
    String id =
        api.post(
                endpoints,
                "{\"url\":\""
                    + discord.url("/bot1:t/sendMessage")
                    + "\",\"events\":[\"*\"],"
                    + "\"format\":\"telegram\",\"chatId\":\"@billing_news\"}")
            .json()
            .path("id")
            .asText();

    Response refused = api.patch(endpoints + "/" + id, "{\"format\":\"slack\"}");
    Response moved =
        api.patch(
            endpoints + "/" + id,
            "{\"format\":\"slack\",\"url\":\"" + discord.url("/services/T1/B1/x") + "\"}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.detail()).contains("url must be the slack URL");
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(moved.json().path("format").asText()).isEqualTo("slack");
    assertThat(moved.json().has("chatId")).isFalse();
    assertThat(moved.json().path("url").asText()).endsWith("/services/T1/B1/***");
  }

  private void assertRefused(String body, String detail) {
    Response response = api.post(endpoints, body);
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.detail()).contains(detail);
  }
}
