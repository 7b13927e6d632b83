package io.billhook.api.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.api.input.HostileRequests.Hostile;
import io.billhook.api.testing.ApiClient;
import io.billhook.api.testing.ApiClient.Response;
import io.billhook.api.testing.ApiTest;
import io.billhook.api.testing.CallersTerms;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Thousands of generated hostile requests, over real HTTP with a valid token, to every JSON route
 * (events, endpoint create, update, rotate-secret and test, settings) of a fresh vendor: no 5xx,
 * every answer within seconds, every 4xx a problem+json in the caller's terms, and nothing stored.
 * Reproduce a failure with -Dhostile.seed=N (each request prints its own seed).
 */
@ApiTest
class HostileInputTest {
  private static final long SEED = Long.getLong("hostile.seed", 20261203L);
  private static final int REQUESTS = Integer.getInteger("hostile.requests", 3000);
  private static final Duration PATIENCE = Duration.ofSeconds(5);

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(PATIENCE).build();

  @Test
  void noHostileRequestGetsAServerErrorOrChangesAnything() throws Exception {
    ApiClient api = new ApiClient(port);
    String vendor = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
    Response seeded =
        api.post(
            "/v1/vendors/" + vendor + "/endpoints",
            "{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"*\"],\"description\":\"seed\","
                + "\"headers\":{\"X-Tenant\":\"acme\"}}");
    assertThat(seeded.status()).as(seeded.body()).isEqualTo(201);
    String endpointId = seeded.json().path("id").asText();
    Map<String, String> before = state(api, vendor, endpointId);

    HostileRequests requests = new HostileRequests(vendor, endpointId);
    List<String> failures = new ArrayList<>();
    Map<String, Integer> statuses = new LinkedHashMap<>();
    Map<String, Long> millis = new LinkedHashMap<>();
    long loop = System.nanoTime();
    for (int i = 0; i < REQUESTS && failures.size() < 20; i++) {
      Hostile hostile = requests.next(new Random(SEED + i));
      long start = System.nanoTime();
      HttpResponse<String> answer =
          http.send(request(hostile), HttpResponse.BodyHandlers.ofString());
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      statuses.merge(hostile.family() + " " + answer.statusCode(), 1, Integer::sum);
      millis.merge(hostile.family(), took.toMillis(), Long::sum);
      String wrong = wrongAnswer(answer, took);
      if (wrong != null) {
        failures.add(
            "seed "
                + (SEED + i)
                + ": "
                + wrong
                + "\n  "
                + hostile.describe()
                + "\n  answer: "
                + answer.body());
      }
    }
    System.out.printf(
        "%d hostile requests in %d ms; by family and status: %s; ms by family: %s%n",
        REQUESTS, (System.nanoTime() - loop) / 1_000_000, statuses, millis);
    assertThat(failures).as("hostile requests answered wrongly").isEmpty();
    assertThat(state(api, vendor, endpointId)).as("the vendor's state").isEqualTo(before);
  }

  private HttpRequest request(Hostile hostile) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + hostile.path()))
            .timeout(PATIENCE)
            .header("Authorization", "Bearer " + ApiClient.TOKEN);
    if (hostile.contentType() != null) {
      request.header("Content-Type", hostile.contentType());
    }
    if (hostile.contentEncoding() != null) {
      request.header("Content-Encoding", hostile.contentEncoding());
    }
    HttpRequest.BodyPublisher body =
        hostile.chunked()
            ? HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(hostile.body()))
            : HttpRequest.BodyPublishers.ofByteArray(hostile.body());
    return request.method(hostile.method(), body).build();
  }

  /** Why the answer is wrong for a hostile request, or null if it is a proper refusal. */
  private static String wrongAnswer(HttpResponse<String> answer, Duration took) {
    int status = answer.statusCode();
    String type = answer.headers().firstValue("Content-Type").orElse("");
    if (took.compareTo(PATIENCE) > 0) {
      return "took " + took.toMillis() + " ms";
    } else if (status < 400 || status >= 500) {
      return "status " + status + " (a hostile request must get a 4xx)";
    } else if (!type.startsWith("application/problem+json")) {
      return "status " + status + " as " + type + ", not application/problem+json";
    }
    try {
      CallersTerms.assertPlain(
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(answer.body())
              .path("detail")
              .asText());
    } catch (AssertionError | Exception e) {
      return "detail not in the caller's terms: " + e.getMessage();
    }
    return null;
  }

  /** Everything a hostile request could have changed for the vendor. */
  private static Map<String, String> state(ApiClient api, String vendor, String endpointId) {
    String v = "/v1/vendors/" + vendor;
    Map<String, String> state = new LinkedHashMap<>();
    state.put("endpoints", api.get(v + "/endpoints").body());
    state.put("secret", api.get(v + "/endpoints/" + endpointId + "/secret").body());
    state.put("events", api.get(v + "/events").body());
    state.put("settings", api.get(v + "/settings").body());
    return state;
  }
}
