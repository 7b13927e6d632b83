package io.billhook.api.testing;

import io.billhook.api.testing.ApiClient.Response;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * For each test of an {@link ApiTest} class, a vendor no other test uses, and a client of the
 * booted application that speaks to its routes: {@code vendor.post("/events", json)}. Register it
 * as a {@code @RegisterExtension} field.
 */
public final class FreshVendor implements BeforeEachCallback {
  private final String prefix;
  private ApiClient api;
  private String id;

  /** {@code prefix} starts every vendor id, so a test's vendors are easy to tell apart. */
  public FreshVendor(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    int port =
        SpringExtension.getApplicationContext(context)
            .getEnvironment()
            .getRequiredProperty("local.server.port", Integer.class);
    api = new ApiClient(port);
    id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public String id() {
    return id;
  }

  /** {@code /v1/vendors/<id>}, what every route of the vendor starts with. */
  public String path() {
    return "/v1/vendors/" + id;
  }

  /** The client, for requests to other vendors' routes or built by hand. */
  public ApiClient api() {
    return api;
  }

  public Response get(String route) {
    return api.get(path() + route);
  }

  public Response post(String route, String json) {
    return api.post(path() + route, json);
  }

  public Response put(String route, String json) {
    return api.put(path() + route, json);
  }

  public Response patch(String route, String json) {
    return api.patch(path() + route, json);
  }

  public Response delete(String route) {
    return api.delete(path() + route);
  }
}
