package io.billhook.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.api.testing.ApiClient.Response;
import io.billhook.core.events.EnvelopeSize;
import io.billhook.workflows.delivery.EventDeliveryWorkflow;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The largest event the API accepts, to fifty endpoints that each fail their first attempt: the
 * run's history holds ids, not fifty copies of the event, so its first workflow task (which
 * schedules every retry) stays far under Temporal's limits, and each endpoint gets the event once.
 */
@ExtendWith(SharedStack.class)
@Timeout(300)
class LargeFanOutIT {
  private static final int ENDPOINTS = 50;

  /** A run of the event's padding: found in a history only if the event's data is there. */
  private static final String PAD = "claim-check-0123456789-";

  @AutoClose private final EchoingReceiver receiver = new EchoingReceiver();

  @Test
  void theLargestEventToFiftyEndpointsFailingOnceArrivesOnceAtEachAndItsHistoryStaysSmall(
      Stack stack) {
    Vendors vendor = Vendors.fresh(stack.api(), "fanout");
    List<String> paths = IntStream.range(0, ENDPOINTS).mapToObj(i -> "/flaky/" + i).toList();
    paths.forEach(path -> vendor.endpoint(receiver.url(path)));
    String largest = report("evt_largest", 0);
    assertThat(largest.getBytes(StandardCharsets.UTF_8)).hasSize(EnvelopeSize.LIMIT);
    Response tooLarge = stack.api().post(vendor.path("/events"), report("evt_too_large", 1));
    assertThat(tooLarge.status()).as(tooLarge.body()).isEqualTo(413);

    Response accepted = stack.api().post(vendor.path("/events"), largest);
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    vendor.awaitEventStatus("evt_largest", "succeeded", Duration.ofSeconds(180));

    String workflowId = EventDeliveryWorkflow.workflowId(vendor.id, "evt_largest");
    OpsClient.of(stack.temporal).newUntypedWorkflowStub(workflowId).getResult(List.class);
    Map<String, Map<String, Long>> accepts = receiver.acceptedCounts();
    assertThat(accepts.keySet()).containsExactlyInAnyOrderElementsOf(paths);
    assertThat(accepts.values())
        .allSatisfy(byEvent -> assertThat(byEvent).isEqualTo(Map.of("evt_largest", 1L)));
    assertThat(receiver.all().stream().filter(r -> r.answered() == 500)).hasSize(ENDPOINTS);

    History history = new TemporalHistories(stack).of(workflowId);
    System.out.printf(
        "history of %s: %d bytes, %d events, %d retries scheduled%n",
        workflowId,
        history.getSerializedSize(),
        history.getEventsCount(),
        history.getEventsList().stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .count());
    assertThat(history.getSerializedSize()).isLessThan(1_000_000);
    assertThat(history.getEventsList())
        .extracting(HistoryEvent::getEventType)
        .doesNotContain(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED)
        .contains(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    assertThat(new TemporalHistories(stack).readable(workflowId)).doesNotContain(PAD + PAD);
  }

  /** A payment report of exactly {@code EnvelopeSize.LIMIT + extra} bytes, as delivered. */
  private static String report(String id, int extra) {
    String head =
        "{\"id\":\""
            + id
            + "\",\"type\":\"payment.received\",\"timestamp\":\""
            + Instant.now().truncatedTo(ChronoUnit.SECONDS)
            + "\",\"data\":{\"customerId\":\"cus_large\",\"note\":\"";
    String tail = "\"}}";
    int room = EnvelopeSize.LIMIT + extra - head.length() - tail.length();
    StringBuilder note = new StringBuilder(room);
    while (note.length() < room) {
      note.append(PAD, 0, Math.min(PAD.length(), room - note.length()));
    }
    return head + note + tail;
  }
}
