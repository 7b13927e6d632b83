package io.billhook.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billhook.api.testing.ApiClient;
import io.billhook.api.testing.ApiClient.Response;
import io.billhook.core.embedded.Poll;
import java.time.Duration;
import java.util.UUID;

/** One vendor of a test, through the REST API: endpoints, settings, reports, reads. */
final class Vendors {
  private final ApiClient api;
  final String id;

  private Vendors(ApiClient api, String id) {
    this.api = api;
    this.id = id;
  }

  /** A vendor id no other test uses, so tests can share a server and a database. */
  /** The same vendor through another process's API. */
  Vendors on(ApiClient other) {
    return new Vendors(other, id);
  }

  static Vendors fresh(ApiClient api, String prefix) {
    return new Vendors(api, prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
  }

  String path(String rest) {
    return "/v1/vendors/" + id + rest;
  }

  /** Subscribes a URL to every event type; returns the endpoint as created (with its secret). */
  JsonNode endpoint(String url) {
    Response created = api.post(path("/endpoints"), "{\"url\":\"" + url + "\",\"events\":[\"*\"]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json();
  }

  void settings(String json) {
    Response put = api.put(path("/settings"), json);
    assertThat(put.status()).as(put.body()).isEqualTo(200);
  }

  Response report(String id, String type, String data) {
    String idField = id == null ? "" : "\"id\":\"" + id + "\",";
    return api.post(
        path("/events"), "{" + idField + "\"type\":\"" + type + "\",\"data\":" + data + "}");
  }

  /** Reports an event and expects it accepted as new (202). */
  JsonNode accepted(String id, String type, String data) {
    Response response = report(id, type, data);
    assertThat(response.status()).as(response.body()).isEqualTo(202);
    return response.json();
  }

  JsonNode event(String eventId) {
    return api.get(path("/events/" + eventId)).json();
  }

  JsonNode awaitEventStatus(String eventId, String status, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode event;
    do {
      event = event(eventId);
      if (status.equals(event.path("status").asText())) {
        return event;
      }
      Poll.sleep(200);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(
        "event " + eventId + " not " + status + " within " + timeout + ": " + event);
  }
}
