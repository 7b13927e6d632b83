package io.billhook.api.endpoints;

import io.billhook.api.problems.ApiException;
import io.billhook.worker.endpoints.Endpoint;
import io.billhook.worker.endpoints.EndpointStore;
import io.billhook.worker.endpoints.UrlPolicy;
import io.billhook.worker.ids.RandomIds;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Service;

/** Endpoint configuration: validated, then stored; bad input changes nothing. */
@Service
class EndpointService {
  static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

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
            null,
            null,
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
            old.previousSecret(),
            old.previousSecretUntil(),
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

  /** A new secret; the old one keeps signing (Standard Webhooks header) for 24 hours. */
  Endpoint rotateSecret(String vendorId, String id) {
    get(vendorId, id);
    store.rotateSecret(vendorId, id, RandomIds.newSecret(), now().plus(ROTATION_OVERLAP));
    return get(vendorId, id);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
