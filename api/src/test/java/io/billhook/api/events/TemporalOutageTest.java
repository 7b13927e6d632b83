package io.billhook.api.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import io.billhook.api.testing.EdgeMvc;
import io.billhook.core.events.Envelope;
import io.billhook.core.refusals.Refusal;
import org.junit.jupiter.api.Test;

/** A report Temporal could not take: 503 in the caller's terms, saying when to retry. */
class TemporalOutageTest extends EventSlice {

  @Test
  void aReportTemporalCannotTakeIsA503ThatSaysToRetry() {
    when(publisher.publish(anyString(), any(Envelope.class), any(JsonNode.class)))
        .thenThrow(
            Refusal.temporalUnavailable(
                new IllegalStateException("UNAVAILABLE: io exception from 127.0.0.1:7233")));

    EdgeMvc.Answer answer =
        api.send("POST", EVENTS, "{\"type\":\"payment.received\",\"data\":{\"amount\":5}}")
            .isProblem(503, "Temporal is unavailable, so this request was not completed; retry it");

    assertThat(answer.retryAfter()).isEqualTo("5");
    assertThat(answer.body()).doesNotContain("7233").doesNotContain("io exception");
  }

  @Test
  void aRefusalThatRetryingCannotFixSaysNothingAboutRetrying() {
    EdgeMvc.Answer answer =
        api.send("POST", EVENTS, "{\"type\":\"payment.received\"}")
            .isProblem(400, "data is required");

    assertThat(answer.retryAfter()).isNull();
  }
}
