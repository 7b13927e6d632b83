package io.billhook.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/** The few calls of Billhook's REST API the benchmark makes, over plain HTTP/1.1. */
final class BillhookApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .executor(Executors.newFixedThreadPool(4))
          .build();

  BillhookApi(int port, String token) {
    this.base = "http://127.0.0.1:" + port;
    this.token = token;
  }

  boolean healthy() {
    try {
      return http.send(
                  request("/actuator/health").GET().build(), HttpResponse.BodyHandlers.ofString())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Creates an endpoint subscribed to every event type; returns its signing secret. */
  String createEndpoint(String vendor, String url) throws IOException, InterruptedException {
    String body =
        JSON.writeValueAsString(java.util.Map.of("url", url, "events", new String[] {"*"}));
    HttpResponse<String> response = send("POST", "/v1/vendors/" + vendor + "/endpoints", body);
    return JSON.readTree(response.body()).get("secret").asText();
  }

  void putSettings(String vendor, String json) throws IOException, InterruptedException {
    send("PUT", "/v1/vendors/" + vendor + "/settings", json);
  }

  /** Reports an event; completes with the response, whatever its status. */
  CompletableFuture<HttpResponse<String>> reportAsync(String vendor, String json) {
    return http.sendAsync(eventRequest(vendor, json), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> report(String vendor, String json) throws IOException, InterruptedException {
    return http.send(eventRequest(vendor, json), HttpResponse.BodyHandlers.ofString());
  }

  /** The envelope's id: the first field of the compact JSON Billhook answers with. */
  static String envelopeId(String envelope) {
    int start = envelope.indexOf("\"id\":\"") + 6;
    return envelope.substring(start, envelope.indexOf('"', start));
  }

  private HttpRequest eventRequest(String vendor, String json) {
    return request("/v1/vendors/" + vendor + "/events")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  private HttpResponse<String> send(String method, String path, String json)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            request(path).method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IOException(
          method + " " + path + " -> " + response.statusCode() + " " + response.body());
    }
    return response;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json");
  }
}
