package io.billhook.worker.delivery;

import io.billhook.worker.endpoints.Endpoint;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Makes one signed POST of an envelope to an endpoint; never throws, always returns an outcome. */
public class WebhookSender {
  static final int EXCERPT_BYTES = 1024;
  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient http;
  private final Clock clock;
  private final String userAgent;

  public WebhookSender(OkHttpClient http, Clock clock, String version) {
    this.http = http;
    this.clock = clock;
    this.userAgent = "Billhook/" + version;
  }

  public AttemptOutcome send(Endpoint endpoint, String eventId, String eventType, String body) {
    Instant at = clock.instant();
    long timestamp = at.getEpochSecond();
    Request.Builder request = new Request.Builder().url(endpoint.url());
    String unsendable = addCustomHeaders(request, endpoint.headers());
    if (unsendable != null) {
      return failure(
          at,
          endpoint,
          System.nanoTime(),
          "custom header '"
              + unsendable
              + "' cannot be sent: HTTP does not allow its name or value; correct the endpoint's"
              + " headers");
    }
    request
        .header("User-Agent", userAgent)
        .header("X-Webhook-Event", eventType)
        .header("X-Webhook-Signature", WebhookSigner.hexSignature(endpoint.secret(), body))
        .header("webhook-id", eventId)
        .header("webhook-timestamp", Long.toString(timestamp))
        .header(
            "webhook-signature",
            WebhookSigner.standardSignatures(endpoint.signingSecrets(at), eventId, timestamp, body))
        .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), JSON));
    long started = System.nanoTime();
    try (Response response = http.newCall(request.build()).execute()) {
      String excerpt = response.peekBody(EXCERPT_BYTES).string();
      return new AttemptOutcome(
          at,
          endpoint.url(),
          response.code(),
          elapsedMs(started),
          excerpt,
          response.isSuccessful() ? null : "HTTP " + response.code(),
          retryAfter(response.header("Retry-After"), at));
    } catch (InterruptedIOException e) {
      return failure(at, endpoint, started, "timed out after " + elapsedMs(started) + " ms");
    } catch (IOException | IllegalArgumentException e) {
      return failure(at, endpoint, started, "connection failed: " + reason(e));
    }
  }

  /**
   * Adds the endpoint's own headers and returns the name of the first one HTTP cannot carry, if any
   * (the API refuses such headers; older ones may remain). The HTTP client's own message would
   * quote the value, often a credential.
   */
  private static String addCustomHeaders(Request.Builder request, Map<String, String> headers) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      try {
        request.header(header.getKey(), header.getValue());
      } catch (IllegalArgumentException e) {
        return header.getKey();
      }
    }
    return null;
  }

  private static AttemptOutcome failure(Instant at, Endpoint endpoint, long started, String error) {
    return new AttemptOutcome(
        at, endpoint.url(), 0, elapsedMs(started), null, error, Optional.empty());
  }

  /** The exception's message and its cause's ("Failed to connect to ...: Connection refused"). */
  private static String reason(Exception e) {
    Throwable cause = e.getCause();
    return cause == null || cause.getMessage() == null || cause.getMessage().equals(e.getMessage())
        ? e.getMessage()
        : e.getMessage() + ": " + cause.getMessage();
  }

  private static long elapsedMs(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
  }

  /** Retry-After is either delay-seconds or an HTTP date (RFC 9110, section 10.2.3). */
  static Optional<Duration> retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim()))));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant when =
            ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Optional.of(when.isAfter(now) ? Duration.between(now, when) : Duration.ZERO);
      } catch (RuntimeException notADate) {
        return Optional.empty();
      }
    }
  }
}
