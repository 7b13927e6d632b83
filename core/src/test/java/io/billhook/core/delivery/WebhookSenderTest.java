package io.billhook.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.billhook.core.endpoints.Endpoint;
import io.billhook.core.endpoints.GuardedDns;
import io.billhook.core.endpoints.RetiredSecret;
import io.billhook.core.endpoints.UrlPolicy;
import io.billhook.core.events.Envelope;
import io.billhook.core.events.StrictJsonParser;
import io.billhook.core.ids.RandomIds;
import io.billhook.core.testing.Node;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One signed POST against a real HTTP server, checked by independent verifiers. */
class WebhookSenderTest {
  private static final String AWKWARD_DATA =
      "{\"amount\":30.00,\"big\":1e3,\"tiny\":1.5e-7,\"huge\":1e21,\"neg\":-0,\"pi\":3.141592653589793238,"
          + "\"name\":\"Jos\\u00e9 \uD83D\uDCFA \\u2028 \\\"q\\\" \\\\ \\/ \\u0001\",\"nested\":{\"2\":\"b\",\"1\":\"a\",\"z\":[1.0,2.50]}}";

  private final MockWebServer receiver = new MockWebServer();
  private WebhookSender sender;

  @BeforeEach
  void start() throws Exception {
    receiver.start();
    OkHttpClient http =
        new GuardedDns(new UrlPolicy(true, List.of()))
            .install(new OkHttpClient.Builder())
            .callTimeout(Duration.ofSeconds(2))
            .build();
    sender = new WebhookSender(http, Clock.systemUTC(), "1.2.3");
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void bothSignaturesVerifyWithIndependentVerifiersOverAwkwardNumbersAndUnicode() throws Exception {
    receiver.enqueue(new MockResponse.Builder().code(200).build());
    Endpoint endpoint = endpoint(RandomIds.newSecret(), null);
    Envelope envelope =
        Envelope.of(
            "evt_1", "payment.received", Instant.now(), StrictJsonParser.parse(AWKWARD_DATA));

    AttemptOutcome outcome = sender.send(endpoint, envelope.id(), envelope.type(), envelope.body());

    assertThat(outcome.succeeded()).isTrue();
    RecordedRequest request = receiver.takeRequest(5, TimeUnit.SECONDS);
    String body = request.getBody().string(StandardCharsets.UTF_8);
    // Express-style receivers sign JSON.stringify(req.body): it must be the very bytes we sent.
    assertThat(Node.stringifyParsed(body)).isEqualTo(body);
    assertThat(request.getHeaders().get("X-Webhook-Signature"))
        .isEqualTo(hmacHex(endpoint.secret(), Node.stringifyParsed(body)));
    assertThatCode(() -> new Webhook(endpoint.secret()).verify(body, headersOf(request)))
        .doesNotThrowAnyException();
  }

  @Test
  void sendsTheContractHeaders() throws Exception {
    receiver.enqueue(new MockResponse.Builder().code(204).build());
    Endpoint endpoint = endpoint(RandomIds.newSecret(), null);

    sender.send(endpoint, "evt_42", "invoice.paid", "{\"id\":\"evt_42\"}");

    RecordedRequest request = receiver.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(request.getHeaders().get("User-Agent")).isEqualTo("Billhook/1.2.3");
    assertThat(request.getHeaders().get("X-Webhook-Event")).isEqualTo("invoice.paid");
    assertThat(request.getHeaders().get("webhook-id")).isEqualTo("evt_42");
    assertThat(Long.parseLong(request.getHeaders().get("webhook-timestamp")))
        .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
    assertThat(request.getHeaders().get("X-Tenant")).isEqualTo("acme");
  }

  @Test
  void signsWithBothSecretsDuringARotationOverlap() throws Exception {
    receiver.enqueue(new MockResponse.Builder().code(200).build());
    String oldSecret = RandomIds.newSecret();
    Endpoint endpoint = endpoint(RandomIds.newSecret(), oldSecret);

    sender.send(endpoint, "evt_r", "payment.failed", "{\"a\":1}");

    RecordedRequest request = receiver.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getHeaders().get("webhook-signature").split(" ")).hasSize(2);
    assertThatCode(() -> new Webhook(oldSecret).verify("{\"a\":1}", headersOf(request)))
        .doesNotThrowAnyException();
    assertThatCode(() -> new Webhook(endpoint.secret()).verify("{\"a\":1}", headersOf(request)))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () -> new Webhook(RandomIds.newSecret()).verify("{\"a\":1}", headersOf(request)))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void aRedirectIsAFailureAndIsNotFollowed() throws Exception {
    receiver.enqueue(
        new MockResponse.Builder().code(302).addHeader("Location", receiver.url("/other")).build());

    AttemptOutcome outcome = sender.send(endpoint(RandomIds.newSecret(), null), "e", "t", "{}");

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.statusCode()).isEqualTo(302);
    assertThat(receiver.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aSlowReceiverTimesOut() {
    receiver.enqueue(
        new MockResponse.Builder().code(200).headersDelay(5, TimeUnit.SECONDS).build());

    AttemptOutcome outcome = sender.send(endpoint(RandomIds.newSecret(), null), "e", "t", "{}");

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.statusCode()).isZero();
    assertThat(outcome.error()).contains("timed out");
  }

  @Test
  void keepsAtMostOneKibibyteOfTheResponse() {
    receiver.enqueue(new MockResponse.Builder().code(500).body("x".repeat(10_000)).build());

    AttemptOutcome outcome = sender.send(endpoint(RandomIds.newSecret(), null), "e", "t", "{}");

    assertThat(outcome.responseExcerpt()).hasSize(1024);
  }

  @Test
  void cleansNulInvalidUtf8AndControlBytesFromTheExcerpt() {
    okio.Buffer body = new okio.Buffer().writeUtf8("ok").writeByte(0).writeUtf8("é");
    body.write(new byte[] {(byte) 0xff, (byte) 0xc3, 0x1b, '[', '3', '1', 'm', '\n', 'x'});
    receiver.enqueue(new MockResponse.Builder().code(200).body(body).build());

    AttemptOutcome outcome = sender.send(endpoint(RandomIds.newSecret(), null), "e", "t", "{}");

    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.responseExcerpt()).isEqualTo("ok\uFFFDé\uFFFD\uFFFD\uFFFD[31m\nx");
  }

  @Test
  void aHeaderValueHttpCannotCarryFailsTheAttemptWithoutQuotingTheValue() {
    Endpoint endpoint = endpoint(RandomIds.newSecret(), null, Map.of("X-Api-Key", "café-s3cret"));

    AttemptOutcome outcome = sender.send(endpoint, "e", "t", "{}");

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.statusCode()).isZero();
    assertThat(outcome.error())
        .contains("header 'X-Api-Key' cannot be sent")
        .doesNotContain("caf")
        .doesNotContain("s3cret");
    assertThat(receiver.getRequestCount()).isZero();
  }

  @Test
  void anInvalidStoredUrlFailsTheAttemptWithAReason() {
    Endpoint endpoint = withUrl(endpoint(RandomIds.newSecret(), null), "not a url?token=s3cret");

    AttemptOutcome outcome = sender.send(endpoint, "e", "t", "{}");

    assertThat(outcome.statusCode()).isZero();
    assertThat(outcome.error()).contains("not a valid http(s) URL").doesNotContain("s3cret");
  }

  @Test
  void aRefusedAddressFailsTheAttemptWithoutConnecting() {
    OkHttpClient strict =
        WebhookHttpClient.create(new UrlPolicy(false, List.of()), Duration.ofSeconds(2), 1);
    WebhookSender guarded = new WebhookSender(strict, Clock.systemUTC(), "1");

    AttemptOutcome outcome = guarded.send(endpoint(RandomIds.newSecret(), null), "e", "t", "{}");

    assertThat(outcome.statusCode()).isZero();
    assertThat(outcome.error()).contains("connection failed").contains("a loopback address");
    assertThat(receiver.getRequestCount()).isZero();
  }

  @Test
  void anEndlessBodyIsNotReadInFull() throws Exception {
    try (RawReceiver endless = RawReceiver.endlessBody()) {
      Endpoint endpoint = withUrl(endpoint(RandomIds.newSecret(), null), endless.url());

      AttemptOutcome outcome = sender.send(endpoint, "e", "t", "{}");

      assertThat(outcome.statusCode()).isEqualTo(200);
      assertThat(outcome.responseExcerpt()).hasSize(1024);
      assertThat(outcome.durationMs()).isLessThan(1500); // the budget here is 2 s
    }
  }

  @Test
  void readsRetryAfterInSecondsAndAsADate() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(WebhookSender.retryAfter("120", now)).contains(Duration.ofSeconds(120));
    assertThat(WebhookSender.retryAfter("Thu, 01 Jan 2026 00:10:00 GMT", now))
        .contains(Duration.ofMinutes(10));
    assertThat(WebhookSender.retryAfter("soon", now)).isEmpty();
  }

  private Endpoint endpoint(String secret, String previousSecret) {
    return endpoint(secret, previousSecret, Map.of("X-Tenant", "acme"));
  }

  private static Endpoint withUrl(Endpoint e, String url) {
    return e.toBuilder().setUrl(url).build();
  }

  private Endpoint endpoint(String secret, String previousSecret, Map<String, String> headers) {
    Instant now = Instant.now();
    return Endpoint.newBuilder(now)
        .setId("ep_test")
        .setVendorId("acme")
        .setUrl(receiver.url("/hook").toString())
        .setEvents(List.of(Endpoint.ALL_EVENTS))
        .setHeaders(headers)
        .setSecret(secret)
        .setRetiredSecrets(
            previousSecret == null
                ? List.of()
                : List.of(new RetiredSecret(previousSecret, now, now.plus(Duration.ofHours(24)))))
        .build();
  }

  private static Map<String, List<String>> headersOf(RecordedRequest request) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    request.getHeaders().toMultimap().forEach(headers::put);
    return headers;
  }

  /** Independent of WebhookSigner: what a Node receiver computes with crypto.createHmac. */
  private static String hmacHex(String secret, String body) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(
        new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }
}
