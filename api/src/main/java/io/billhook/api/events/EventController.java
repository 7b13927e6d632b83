package io.billhook.api.events;

import static io.billhook.core.ids.VendorIds.require;

import io.billhook.api.Page;
import io.billhook.api.input.JsonBodyFilter;
import io.billhook.core.events.EventIngestion;
import io.billhook.core.events.EventQueries;
import io.billhook.core.events.EventStore.StoredEvent;
import io.billhook.workflows.events.EventType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
  private final EventIngestion ingestion;
  private final EventQueries queries;

  EventController(EventIngestion ingestion, EventQueries queries) {
    this.ingestion = ingestion;
    this.queries = queries;
  }

  /** 202 with the envelope when new; 200 with the original when the id was reported before. */
  @PostMapping("/v1/vendors/{vendorId}/events")
  ResponseEntity<String> report(@PathVariable String vendorId, HttpServletRequest request)
      throws IOException {
    // Exactly what was sent: JsonBodyFilter has checked it is JSON's media type and UTF-8.
    String body = JsonBodyFilter.text(request);
    EventIngestion.Accepted accepted = ingestion.report(require(vendorId), body);
    return ResponseEntity.status(accepted.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
        .contentType(MediaType.APPLICATION_JSON)
        .body(accepted.envelope().body());
  }

  @GetMapping("/v1/vendors/{vendorId}/events/{eventId}")
  EventView get(@PathVariable String vendorId, @PathVariable String eventId) {
    return EventView.of(queries.event(require(vendorId), eventId));
  }

  @GetMapping("/v1/vendors/{vendorId}/events")
  Page<EventView> list(
      @PathVariable String vendorId,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    EventQueries.Filter filter = new EventQueries.Filter(type, status);
    int size = Page.limit(limit);
    return Page.of(
        queries.events(require(vendorId), filter, Page.cursor(cursor), size),
        size,
        StoredEvent::seq,
        EventView::summary);
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
                        "producedBy", t.origin().name().toLowerCase(Locale.ROOT)))
            .toList());
  }
}
