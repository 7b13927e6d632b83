package io.billhook.core.testing;

import io.billhook.core.endpoints.Endpoint;
import io.billhook.core.endpoints.EndpointStore;
import io.billhook.core.ids.RandomIds;
import io.billhook.core.secrets.SecretCipher;
import io.billhook.core.secrets.SecretKeys;
import io.billhook.core.secrets.StoredData;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Test endpoints, stored for real, their secrets encrypted under a test key. */
public final class Endpoints {
  public static final SecretKeys KEYS =
      SecretKeys.parse(List.of(SecretKeys.generate("test")), "the test key");

  /** Customer data at rest, encrypted under {@link #KEYS}. */
  public static final StoredData DATA = new StoredData(new SecretCipher(KEYS));

  private Endpoints() {}

  /** A store whose secrets are encrypted under {@link #KEYS}. */
  public static EndpointStore store(JdbcClient jdbc) {
    return new EndpointStore(jdbc, new SecretCipher(KEYS));
  }

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
