package io.billhook.api.operations;

import static io.billhook.core.ids.VendorIds.require;

import io.billhook.core.health.EndpointHealth;
import io.billhook.core.health.EndpointStats;
import io.billhook.core.redelivery.Redeliveries;
import io.billhook.core.refusals.Refusal;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Resend an event, recover an endpoint's failures, read an endpoint's stats. */
@RestController
@RequestMapping("/v1/vendors/{vendorId}")
class OperationsController {
  private static final Duration DEFAULT_WINDOW = Duration.ofHours(24);

  private final Redeliveries redeliveries;
  private final EndpointHealth health;

  OperationsController(Redeliveries redeliveries, EndpointHealth health) {
    this.redeliveries = redeliveries;
    this.health = health;
  }

  /** The optional body of a resend: the one endpoint to send to (absent: all it went to). */
  record ResendRequest(String endpointId) {}

  /** The body of a recover. */
  record RecoverRequest(String since) {}

  /** What a recover did: how many deliveries it sent again, and the failed ones it left. */
  record RecoverView(int resent, Skipped skipped, boolean more) {
    record Skipped(int purged, int stillBeingDelivered) {}
  }

  @PostMapping("/events/{eventId}/resend")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Redeliveries.Resent resend(
      @PathVariable String vendorId,
      @PathVariable String eventId,
      @RequestBody(required = false) ResendRequest request) {
    String endpointId = request == null ? null : request.endpointId();
    if (endpointId != null && endpointId.isBlank()) {
      throw Refusal.invalid("endpointId must name an endpoint (or be left out to resend to all)");
    }
    return redeliveries.resend(require(vendorId), eventId, endpointId);
  }

  @PostMapping("/endpoints/{endpointId}/recover")
  @ResponseStatus(HttpStatus.ACCEPTED)
  RecoverView recover(
      @PathVariable String vendorId,
      @PathVariable String endpointId,
      @RequestBody(required = false) RecoverRequest request) {
    String since = request == null ? null : request.since();
    Redeliveries.Recovered recovered =
        redeliveries.recover(require(vendorId), endpointId, Since.parse(since));
    return new RecoverView(
        recovered.resent(),
        new RecoverView.Skipped(recovered.skippedPurged(), recovered.skippedPending()),
        recovered.more());
  }

  @GetMapping("/endpoints/{endpointId}/stats")
  EndpointStats stats(
      @PathVariable String vendorId,
      @PathVariable String endpointId,
      @RequestParam(name = "since", required = false) String since) {
    // An offset's '+' left unencoded in a query string arrives as a space.
    Instant from =
        since == null ? Instant.now().minus(DEFAULT_WINDOW) : Since.parse(since.replace(' ', '+'));
    return health.stats(require(vendorId), endpointId, from);
  }
}
