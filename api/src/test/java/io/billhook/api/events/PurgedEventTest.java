package io.billhook.api.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.billhook.api.testing.EdgeMvc;
import io.billhook.core.delivery.DeliveryLog.Attempt;
import io.billhook.core.events.Envelope;
import io.billhook.core.events.EventStore.Delivery;
import io.billhook.core.events.EventStore.StoredEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An event whose data was purged (BILLHOOK_RETENTION) still answers, with null data. */
class PurgedEventTest extends EventSlice {
  private static final Instant AT = Instant.parse("2026-03-29T14:32:00Z");

  @BeforeEach
  void stored() {
    StoredEvent purged =
        new StoredEvent(
            2,
            Envelope.of("evt_old", "payment.received", AT, JsonNodeFactory.instance.nullNode()),
            "succeeded",
            true);
    StoredEvent kept =
        new StoredEvent(
            3,
            Envelope.of(
                "evt_new",
                "payment.received",
                AT,
                JsonNodeFactory.instance.objectNode().put("amount", 5)),
            "succeeded");
    when(events.find("v1", "evt_old")).thenReturn(java.util.Optional.of(purged));
    when(events.deliveries("v1", "evt_old"))
        .thenReturn(List.of(new Delivery("ep_1", "http://127.0.0.1:9/hook", "succeeded")));
    when(log.attemptsOfEvent("v1", "evt_old"))
        .thenReturn(
            List.of(
                new Attempt(
                    7,
                    "evt_old",
                    "ep_1",
                    1,
                    AT,
                    "http://127.0.0.1:9/hook",
                    200,
                    31,
                    null,
                    null,
                    1)));
    when(events.list(eq("v1"), any(), any(), any(), anyInt())).thenReturn(List.of(kept, purged));
  }

  @Test
  void itsDetailKeepsIdTypeTimeAndOutcomesWithNullDataMarkedPurged() throws Exception {
    JsonNode event = get(EVENTS + "/evt_old");

    assertThat(event.path("id").asText()).isEqualTo("evt_old");
    assertThat(event.path("type").asText()).isEqualTo("payment.received");
    assertThat(event.path("timestamp").asText()).isEqualTo("2026-03-29T14:32:00Z");
    assertThat(event.has("data")).isTrue();
    assertThat(event.path("data").isNull()).isTrue();
    assertThat(event.path("purged").asBoolean()).isTrue();
    assertThat(event.path("status").asText()).isEqualTo("succeeded");
    JsonNode attempt = event.path("deliveries").get(0).path("attempts").get(0);
    assertThat(attempt.path("statusCode").asInt()).isEqualTo(200);
    assertThat(attempt.path("responseExcerpt").isNull()).isTrue();
  }

  @Test
  void theListShowsItBesideEventsThatKeepTheirData() throws Exception {
    JsonNode list = get(EVENTS).path("data");

    assertThat(list.get(0).path("data").path("amount").asInt()).isEqualTo(5);
    assertThat(list.get(0).has("purged")).isFalse();
    assertThat(list.get(1).path("id").asText()).isEqualTo("evt_old");
    assertThat(list.get(1).path("data").isNull()).isTrue();
    assertThat(list.get(1).path("purged").asBoolean()).isTrue();
  }

  private JsonNode get(String path) throws Exception {
    EdgeMvc.Answer answer = api.send("GET", path, null, new byte[0]);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return new ObjectMapper().readTree(answer.body());
  }
}
