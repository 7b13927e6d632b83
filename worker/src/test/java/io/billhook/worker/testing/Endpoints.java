package io.billhook.worker.testing;

import io.billhook.worker.endpoints.Endpoint;
import io.billhook.worker.endpoints.EndpointStore;
import io.billhook.worker.ids.RandomIds;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Test endpoints, stored for real. */
public final class Endpoints {
  private Endpoints() {}

  public static Endpoint create(EndpointStore store, String vendorId, String url) {
    Instant now = Instant.now();
    Endpoint endpoint =
        new Endpoint(
            RandomIds.newId("ep_"),
            vendorId,
            url,
            List.of("*"),
            null,
            Map.of(),
            true,
            null,
            RandomIds.newSecret(),
            List.of(),
            now,
            now);
    store.insert(endpoint);
    return endpoint;
  }
}
