package io.billhook.api.endpoints;

import io.billhook.api.problems.ApiException;
import io.billhook.worker.endpoints.Endpoint;
import io.billhook.worker.endpoints.EndpointStore;
import io.billhook.worker.endpoints.UrlPolicy;
import io.billhook.worker.ids.RandomIds;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Service;

/** Endpoint configuration: validated, then stored; bad input changes nothing. */
@Service
class EndpointService {
  static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
  static final Duration MAX_OVERLAP = Duration.ofDays(7);

  private final EndpointStore store;
  private final UrlPolicy urls;

  EndpointService(EndpointStore store, UrlPolicy urls) {
    this.store = store;
    this.urls = urls;
  }

  Endpoint create(String vendorId, EndpointRequest request) {
    if (request.url() == null) {
      throw ApiException.badRequest("url is required");
    }
    Instant now = now();
    Endpoint endpoint =
        new Endpoint(
            RandomIds.newId("ep_"),
            vendorId,
            urls.check(request.url()).toString(),
            EndpointRules.events(request.events()),
            EndpointRules.description(request.description()),
            EndpointHeaders.check(request.headers()),
            request.enabled() == null || request.enabled(),
            null,
            RandomIds.newSecret(),
            List.of(),
            now,
            now);
    store.insert(endpoint);
    return endpoint;
  }

  List<Endpoint> list(String vendorId) {
    return store.list(vendorId);
  }

  Endpoint get(String vendorId, String id) {
    return store
        .find(vendorId, id)
        .orElseThrow(() -> ApiException.notFound("no endpoint " + id + " for vendor " + vendorId));
  }

  Endpoint update(String vendorId, String id, EndpointRequest request) {
    Endpoint old = get(vendorId, id);
    boolean enabled = request.enabled() == null ? old.enabled() : request.enabled();
    Endpoint updated =
        new Endpoint(
            old.id(),
            vendorId,
            request.url() == null ? old.url() : urls.check(request.url()).toString(),
            request.events() == null ? old.events() : EndpointRules.events(request.events()),
            request.description() == null
                ? old.description()
                : EndpointRules.description(request.description()),
            request.headers() == null ? old.headers() : EndpointHeaders.check(request.headers()),
            enabled,
            enabled
                ? null
                : (request.enabled() != null ? "disabled by request" : old.disabledReason()),
            old.secret(),
            old.retiredSecrets(),
            old.createdAt(),
            now());
    store.update(updated);
    return updated;
  }

  void delete(String vendorId, String id) {
    if (!store.delete(vendorId, id)) {
      throw ApiException.notFound("no endpoint " + id + " for vendor " + vendorId);
    }
  }

  /**
   * A new secret; the one it replaces keeps signing for {@code overlap} (default 24 h), and every
   * secret rotated out before keeps its own expiry.
   */
  Endpoint rotateSecret(String vendorId, String id, RotationRequest request) {
    Duration overlap = overlap(request == null ? null : request.overlap());
    Instant now = now();
    if (!store.rotateSecret(vendorId, id, RandomIds.newSecret(), now, now.plus(overlap))) {
      throw ApiException.notFound("no endpoint " + id + " for vendor " + vendorId);
    }
    return get(vendorId, id);
  }

  /** An ISO-8601 duration of whole seconds from PT0S to P7D; null means the default. */
  static Duration overlap(String text) {
    if (text == null) {
      return DEFAULT_OVERLAP;
    }
    Duration overlap;
    try {
      overlap = Duration.parse(text);
    } catch (DateTimeParseException e) {
      overlap = null;
    }
    if (overlap == null
        || overlap.isNegative()
        || overlap.compareTo(MAX_OVERLAP) > 0
        || overlap.getNano() != 0) {
      throw ApiException.badRequest(
          "overlap must be an ISO-8601 duration in whole seconds from PT0S to P7D, such as PT24H"
              + " or P3D (got '"
              + text
              + "')");
    }
    return overlap;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
