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
        Endpoint.newBuilder(Instant.now())
            .setId(RandomIds.newId("ep_"))
            .setVendorId(vendorId)
            .setUrl(url)
            .setEvents(List.of(Endpoint.ALL_EVENTS))
            .setSecret(RandomIds.newSecret())
            .build();
    store.insert(endpoint);
    return endpoint;
  }
}
