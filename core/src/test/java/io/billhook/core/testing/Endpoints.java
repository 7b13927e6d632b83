package io.billhook.core.testing;

import io.billhook.core.endpoints.Endpoint;
import io.billhook.core.endpoints.EndpointStore;
import io.billhook.core.ids.RandomIds;
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
