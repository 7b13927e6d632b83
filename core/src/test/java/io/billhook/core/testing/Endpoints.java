package io.billhook.core.testing;

import io.billhook.core.endpoints.Endpoint;
import io.billhook.core.endpoints.EndpointStore;
import io.billhook.core.ids.RandomIds;
import java.time.Instant;
import java.util.List;

/** Test endpoints, stored for real. */
public final class Endpoints {
  private Endpoints() {}

  public static Endpoint create(EndpointStore store, String vendorId, String url) {
    Endpoint endpoint =
        Endpoint.builder()
            .id(RandomIds.newId("ep_"))
            .vendorId(vendorId)
            .url(url)
            .events(List.of(Endpoint.ALL_EVENTS))
            .secret(RandomIds.newSecret())
            .created(Instant.now())
            .build();
    store.insert(endpoint);
    return endpoint;
  }
}
