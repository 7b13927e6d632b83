package io.billhook.api.events;

import static io.billhook.core.ids.VendorIds.require;

import io.billhook.api.Page;
import io.billhook.api.problems.ApiException;
import io.billhook.core.delivery.DeliveryLog;
import io.billhook.core.events.EventIngestion;
import io.billhook.core.events.EventStore;
import io.billhook.core.events.EventStore.StoredEvent;
import io.billhook.workflows.events.EventType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class EventController {
  private static final Set<String> STATUSES = Set.of("pending", "succeeded", "failed");

  private final EventIngestion ingestion;
  private final EventStore events;
  private final DeliveryLog log;

  EventController(EventIngestion ingestion, EventStore events, DeliveryLog log) {
    this.ingestion = ingestion;
    this.events = events;
    this.log = log;
  }

  /** 202 with the envelope when new; 200 with the original when the id was reported before. */
  @PostMapping("/v1/vendors/{vendorId}/events")
  ResponseEntity<String> report(@PathVariable String vendorId, HttpServletRequest request)
      throws IOException {
    // Exactly what was sent: JsonBodyFilter has checked it is JSON's media type and UTF-8.
    String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    EventIngestion.Accepted accepted = ingestion.report(require(vendorId), body);
    return ResponseEntity.status(accepted.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
        .contentType(MediaType.APPLICATION_JSON)
        .body(accepted.envelope().body());
  }

  @GetMapping("/v1/vendors/{vendorId}/events/{eventId}")
  EventView get(@PathVariable String vendorId, @PathVariable String eventId) {
    StoredEvent event =
        events
            .find(require(vendorId), eventId)
            .orElseThrow(
                () -> ApiException.notFound("no event " + eventId + " for vendor " + vendorId));
    return EventView.of(
        event, log.deliveriesOfEvent(vendorId, eventId), log.attemptsOfEvent(vendorId, eventId));
  }

  @GetMapping("/v1/vendors/{vendorId}/events")
  Page<EventView> list(
      @PathVariable String vendorId,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    if (type != null && EventType.fromWireName(type).isEmpty()) {
      throw ApiException.badRequest("unknown event type '" + type + "'");
    }
    if (status != null && !STATUSES.contains(status)) {
      throw ApiException.badRequest("status must be one of pending, succeeded, failed");
    }
    int size = Page.limit(limit);
    List<StoredEvent> rows =
        events.list(require(vendorId), type, status, Page.cursor(cursor), size);
    String next = rows.size() < size ? null : Long.toString(rows.get(rows.size() - 1).seq());
    return new Page<>(rows.stream().map(e -> EventView.summary(e, null)).toList(), next);
  }

  @GetMapping("/v1/event-types")
  Map<String, List<Map<String, String>>> eventTypes() {
    return Map.of(
        "data",
        Arrays.stream(EventType.values())
            .map(
                t ->
                    Map.of(
                        "type", t.wireName(),
                        "description", t.description(),
                        "producedBy", t.origin().name().toLowerCase(java.util.Locale.ROOT)))
            .toList());
  }
}
