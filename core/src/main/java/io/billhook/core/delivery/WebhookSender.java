package io.billhook.core.delivery;

import io.billhook.core.chat.ChatAnswers;
import io.billhook.core.chat.ChatMessages;
import io.billhook.core.chat.ChatUrls;
import io.billhook.core.endpoints.Endpoint;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Makes one signed POST of an envelope to an endpoint; never throws, always returns an outcome. The
 * client's call timeout is the attempt's whole budget: connect, send, response headers and the
 * excerpt of the body. A 2xx whose headers arrived within it is a success even if its body was
 * still trickling in when the budget ran out (the excerpt keeps what arrived).
 */
public class WebhookSender {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final int MAX_ERROR_CHARS = 300;

  private final OkHttpClient http;
  private final Clock clock;
  private final String userAgent;

  public WebhookSender(OkHttpClient http, Clock clock, String version) {
    this.http = http;
    this.clock = clock;
    this.userAgent = "Billhook/" + version;
  }

  public AttemptOutcome send(Endpoint endpoint, String eventId, String eventType, String body) {
    return send(endpoint, eventId, eventType, body, null);
  }

  /** The same, within {@code within} when that is shorter than the client's call timeout. */
  public AttemptOutcome send(
      Endpoint endpoint, String eventId, String eventType, String body, Duration within) {
    long configured = http.callTimeoutMillis();
    long budgetMillis =
        within == null
            ? configured
            : configured == 0 ? within.toMillis() : Math.min(configured, within.toMillis());
    Instant at = clock.instant();
    long started = System.nanoTime();
    Request request;
    boolean chat = endpoint.format().isChat();
    try {
      request = request(endpoint, eventId, eventType, body, at);
    } catch (UnsendableException e) {
      return failure(at, endpoint, started, e.getMessage());
    } catch (RuntimeException e) {
      // Not the message: it may quote what went in (a header value, a secret).
      return failure(
          at, endpoint, started, "could not be prepared (" + e.getClass().getSimpleName() + ")");
    }
    Call call = http.newCall(request);
    call.timeout().timeout(budgetMillis, TimeUnit.MILLISECONDS);
    try (Response response = call.execute()) {
      boolean[] cut = {false};
      String excerpt = ResponseExcerpt.read(response.body().source(), cut);
      String error = null;
      if (!response.isSuccessful()) {
        error = "HTTP " + response.code() + (cut[0] ? " (response body cut off)" : "");
      }
      AttemptOutcome outcome =
          new AttemptOutcome(
              at,
              ChatUrls.masked(endpoint.url()),
              response.code(),
              elapsedMs(started),
              excerpt,
              error,
              retryAfter(response.header("Retry-After"), at),
              false);
      return chat ? ChatAnswers.judge(endpoint.format(), outcome) : outcome;
    } catch (InterruptedIOException e) {
      return failure(
          at,
          endpoint,
          started,
          "timed out after "
              + elapsedMs(started)
              + " ms (delivery timeout "
              + Duration.ofMillis(budgetMillis).toSeconds()
              + " s)");
    } catch (ProtocolException e) {
      return failure(at, endpoint, started, ReceiverText.withoutQuote(e));
    } catch (IOException e) {
      return failure(at, endpoint, started, "connection failed: " + reason(e));
    } catch (RuntimeException e) {
      return failure(at, endpoint, started, "could not be sent: " + reason(e));
    }
  }

  private Request request(
      Endpoint endpoint, String eventId, String eventType, String body, Instant at) {
    HttpUrl url = HttpUrl.parse(endpoint.url());
    if (url == null) {
      throw new UnsendableException("endpoint url is not a valid http(s) URL; fix the endpoint");
    }
    if (endpoint.format().isChat()) {
      // A chat platform gets its own message, unsigned: it checks nothing but the URL's token.
      String message = ChatMessages.body(endpoint.chatSettings(), body);
      return new Request.Builder()
          .url(url)
          .header("User-Agent", userAgent)
          .post(RequestBody.create(message.getBytes(StandardCharsets.UTF_8), JSON))
          .build();
    }
    long timestamp = at.getEpochSecond();
    Headers.Builder headers = new Headers.Builder();
    for (Map.Entry<String, String> header : endpoint.headers().entrySet()) {
      try {
        headers.set(header.getKey(), header.getValue());
      } catch (IllegalArgumentException e) {
        // OkHttp's message quotes the value, which may be a credential: say which header only.
        throw new UnsendableException(
            "header '"
                + bounded(ResponseExcerpt.clean(header.getKey()), 100)
                + "' cannot be sent: HTTP allows only visible ASCII characters, spaces and tabs"
                + " in header names and values; fix the endpoint's headers");
      }
    }
    headers
        .set("User-Agent", userAgent)
        .set("X-Webhook-Event", eventType)
        .set(
            "X-Webhook-Signature",
            WebhookSigner.hexSignature(endpoint.legacySigningSecret(at), body))
        .set("webhook-id", eventId)
        .set("webhook-timestamp", Long.toString(timestamp))
        .set(
            "webhook-signature",
            WebhookSigner.standardSignatures(
                endpoint.signingSecrets(at), eventId, timestamp, body));
    return new Request.Builder()
        .url(url)
        .headers(headers.build())
        .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), JSON))
        .build();
  }

  private static AttemptOutcome failure(Instant at, Endpoint endpoint, long started, String error) {
    return new AttemptOutcome(
        at,
        ChatUrls.masked(endpoint.url()),
        0,
        elapsedMs(started),
        null,
        bounded(ResponseExcerpt.clean(error), MAX_ERROR_CHARS),
        Optional.empty(),
        false);
  }

  /** The exception's message and its cause's ("Failed to connect to ...: Connection refused"). */
  private static String reason(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Throwable cause = e.getCause();
    return cause == null || cause.getMessage() == null || cause.getMessage().equals(message)
        ? message
        : message + ": " + cause.getMessage();
  }

  private static String bounded(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "...";
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

  /** The request cannot be built; the message says why without quoting any header value. */
  private static final class UnsendableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsendableException(String message) {
      super(message, null, false, false);
    }
  }
}
