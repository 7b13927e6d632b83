package io.billhook.api.endpoints;

import static io.billhook.core.ids.VendorIds.require;

import io.billhook.api.AttemptView;
import io.billhook.api.Page;
import io.billhook.api.RequiredBody;
import io.billhook.core.delivery.DeliveryLog.Attempt;
import io.billhook.core.endpoints.EndpointFields;
import io.billhook.core.endpoints.EndpointService;
import io.billhook.core.events.Envelope;
import io.billhook.core.events.EventQueries;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/vendors/{vendorId}/endpoints")
class EndpointController {
  private final EndpointService endpoints;
  private final EventQueries queries;

  EndpointController(EndpointService endpoints, EventQueries queries) {
    this.endpoints = endpoints;
    this.queries = queries;
  }

  /** The body of actions that take no fields: none at all, or {@code {}}. */
  record NoFields() {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  EndpointView create(
      @PathVariable String vendorId, @RequestBody(required = false) EndpointFields request) {
    EndpointFields fields =
        RequiredBody.of(
            request,
            "a JSON object with url and events (description, headers, enabled, format, chatId and"
                + " template are optional)");
    return EndpointView.withSecret(endpoints.create(require(vendorId), fields));
  }

  @GetMapping
  Map<String, List<EndpointView>> list(@PathVariable String vendorId) {
    return Map.of(
        "data", endpoints.list(require(vendorId)).stream().map(EndpointView::of).toList());
  }

  @GetMapping("/{endpointId}")
  EndpointView get(@PathVariable String vendorId, @PathVariable String endpointId) {
    return EndpointView.of(endpoints.get(require(vendorId), endpointId));
  }

  @PatchMapping("/{endpointId}")
  EndpointView update(
      @PathVariable String vendorId,
      @PathVariable String endpointId,
      @RequestBody(required = false) EndpointFields request) {
    EndpointFields fields =
        RequiredBody.of(
            request,
            "a JSON object with the fields to change (url, events, description, headers, enabled,"
                + " format, chatId, template)");
    return EndpointView.of(endpoints.update(require(vendorId), endpointId, fields));
  }

  @DeleteMapping("/{endpointId}")
  ResponseEntity<Void> delete(@PathVariable String vendorId, @PathVariable String endpointId) {
    endpoints.delete(require(vendorId), endpointId);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/{endpointId}/secret")
  Map<String, String> secret(@PathVariable String vendorId, @PathVariable String endpointId) {
    return Map.of("secret", endpoints.get(require(vendorId), endpointId).readableSecret());
  }

  /** A new secret; the body {@code {"overlap":"PT24H"}} is optional. */
  @PostMapping("/{endpointId}/rotate-secret")
  Map<String, String> rotate(
      @PathVariable String vendorId,
      @PathVariable String endpointId,
      @RequestBody(required = false) RotationRequest request) {
    return Map.of(
        "secret",
        endpoints
            .rotateSecret(require(vendorId), endpointId, request == null ? null : request.overlap())
            .secret());
  }

  /**
   * Sends a {@code webhook.test} event to this endpoint only; for a chat destination the answer
   * also shows the message it is sent, under {@code message}.
   */
  @PostMapping("/{endpointId}/test")
  ResponseEntity<String> test(
      @PathVariable String vendorId,
      @PathVariable String endpointId,
      @RequestBody(required = false) NoFields body) {
    Envelope sent = endpoints.sendTest(require(vendorId), endpointId);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .contentType(MediaType.APPLICATION_JSON)
        .body(endpoints.testAnswer(require(vendorId), endpointId, sent));
  }

  /** The endpoint's delivery log, newest first. */
  @GetMapping("/{endpointId}/attempts")
  Page<AttemptView> attempts(
      @PathVariable String vendorId,
      @PathVariable String endpointId,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    endpoints.get(require(vendorId), endpointId);
    int size = Page.limit(limit);
    return Page.of(
        queries.attemptsOfEndpoint(vendorId, endpointId, Page.cursor(cursor), size),
        size,
        Attempt::id,
        AttemptView::inLog);
  }
}
