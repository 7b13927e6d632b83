package io.billhook.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billhook.api.testing.EdgeMvc;
import io.billhook.api.testing.EdgeSlice;
import io.billhook.core.codec.PayloadCodecService;
import io.billhook.core.delivery.DeliveryLog.Attempt;
import io.billhook.core.endpoints.EndpointService;
import io.billhook.core.events.Envelope;
import io.billhook.core.events.EventIngestion;
import io.billhook.core.events.EventQueries;
import io.billhook.core.events.EventQueries.DeliveryAttempts;
import io.billhook.core.events.EventQueries.EventDetail;
import io.billhook.core.events.EventStore.Delivery;
import io.billhook.core.events.EventStore.StoredEvent;
import io.billhook.core.health.EndpointHealth;
import io.billhook.core.keys.ApiKeys;
import io.billhook.core.lifecycle.LifecycleViews;
import io.billhook.core.lifecycle.SettingsChanges;
import io.billhook.core.redelivery.Redeliveries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * Both delivery logs show an attempt the same way; only the event's leaves out where it went, which
 * its delivery already says.
 */
@EdgeSlice
class AttemptViewsTest {
  private static final Instant AT = Instant.parse("2026-03-29T14:32:00Z");
  private static final Attempt REFUSED =
      new Attempt(
          7, "evt_1", "ep_1", 2, AT, "http://127.0.0.1:9/hook", null, 31, null, "refused", 1);

  @Autowired EdgeMvc api;
  @MockitoBean EndpointService endpoints;
  @MockitoBean EventQueries queries;
  @MockitoBean EventIngestion ingestion;
  @MockitoBean SettingsChanges settings;
  @MockitoBean LifecycleViews views;
  @MockitoBean Redeliveries redeliveries;
  @MockitoBean EndpointHealth health;
  @MockitoBean ApiKeys keys;
  @MockitoBean PayloadCodecService codec;

  @Test
  void anEndpointsLogNamesTheEventTheEndpointAndTheUrlOfEachAttempt() throws Exception {
    when(queries.attemptsOfEndpoint("v1", "ep_1", null, Page.DEFAULT_LIMIT))
        .thenReturn(List.of(REFUSED));

    JsonNode attempt = get("/v1/vendors/v1/endpoints/ep_1/attempts").path("data").get(0);

    assertThat(fields(attempt))
        .containsExactly(
            "eventId",
            "endpointId",
            "attempt",
            "series",
            "at",
            "url",
            "statusCode",
            "durationMs",
            "responseExcerpt",
            "error");
    assertThat(attempt.path("eventId").asText()).isEqualTo("evt_1");
    assertThat(attempt.path("statusCode").isNull()).isTrue();
  }

  @Test
  void anEventsDeliveryListsItsAttemptsWithoutRepeatingWhereTheyWent() throws Exception {
    Envelope envelope =
        Envelope.of("evt_1", "payment.received", AT, new ObjectMapper().createObjectNode());
    Delivery delivery = new Delivery("ep_1", "http://127.0.0.1:9/hook", "failed");
    when(queries.event("v1", "evt_1"))
        .thenReturn(
            new EventDetail(
                new StoredEvent(1, envelope, "failed"),
                List.of(new DeliveryAttempts(delivery, List.of(REFUSED)))));

    JsonNode attempt =
        get("/v1/vendors/v1/events/evt_1").path("deliveries").get(0).path("attempts").get(0);

    assertThat(fields(attempt))
        .containsExactly(
            "attempt", "series", "at", "statusCode", "durationMs", "responseExcerpt", "error");
    assertThat(attempt.path("error").asText()).isEqualTo("refused");
  }

  private JsonNode get(String path) throws Exception {
    EdgeMvc.Answer answer = api.send("GET", path, null, new byte[0]);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return new ObjectMapper().readTree(answer.body());
  }

  private static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
