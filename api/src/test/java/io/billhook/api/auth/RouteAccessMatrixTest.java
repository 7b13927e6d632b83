package io.billhook.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billhook.api.auth.RawHttp.Response;
import io.billhook.api.auth.VendorKeyAccessTest.Caller;
import io.billhook.api.testing.ApiClient;
import io.billhook.api.testing.ApiTest;
import io.billhook.api.testing.Routes;
import io.billhook.api.testing.Routes.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route the application serves behind access control (read from Spring's handler mapping, so
 * a new route is checked the day it is added; the public documentation is {@link
 * OperationsAccessTest}'s) under every kind of credential, against the documented access: a
 * vendor's API key reaches its own vendor's routes except its keys, and the event-type catalogue;
 * the admin token reaches everything; no credential or a revoked key reaches nothing. "Reaches"
 * means the answer is neither 401 nor 403: what the route then does with the request is its own
 * test's business.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteAccessMatrixTest {
  @LocalServerPort int port;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mapping;

  private final String vendor = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, String> ids = new LinkedHashMap<>();
  private final Map<Caller, String> tokens = new LinkedHashMap<>();
  private RawHttp http;

  /** Who a route is documented for. */
  enum Access {
    ANY_CREDENTIAL,
    /** Any caller on this box in the embedded default (its Temporal UI sends no token). */
    LOOPBACK,
    OWN_VENDOR,
    ADMIN_ONLY
  }

  @BeforeAll
  void givenAVendorWithAnEndpointAnEventAndKeys() {
    http = new RawHttp(port);
    ApiClient admin = new ApiClient(port);
    String base = "/v1/vendors/" + vendor;
    ids.put("vendorId", vendor);
    ids.put(
        "endpointId",
        admin
            .post(base + "/endpoints", "{\"url\":\"http://127.0.0.1:9/never\",\"events\":[\"*\"]}")
            .json()
            .path("id")
            .asText());
    ids.put(
        "eventId",
        admin
            .post(base + "/events", "{\"type\":\"payment.received\",\"data\":{}}")
            .json()
            .path("id")
            .asText());
    tokens.put(Caller.ADMIN, ApiClient.TOKEN);
    tokens.put(Caller.OWN_KEY, newKey(admin, vendor).path("key").asText());
    tokens.put(Caller.OTHER_VENDORS_KEY, newKey(admin, vendor + "-other").path("key").asText());
    JsonNode revoked = newKey(admin, vendor);
    assertThat(admin.delete(base + "/api-keys/" + revoked.path("id").asText()).status())
        .isEqualTo(204);
    tokens.put(Caller.REVOKED_KEY, revoked.path("key").asText());
    ids.put("keyId", newKey(admin, vendor).path("id").asText());
  }

  /** The documented access of a route, by its path pattern; anything else is the admin's. */
  static Access access(Route route) {
    String path = route.path();
    if (List.of("/v1/event-types", "/v1/console").contains(path) && route.method().equals("GET")) {
      return Access.ANY_CREDENTIAL;
    }
    if (path.startsWith("/codec/")) {
      return Access.LOOPBACK;
    }
    if (path.startsWith("/v1/vendors/{vendorId}/api-keys")) {
      return Access.ADMIN_ONLY;
    }
    return path.startsWith("/v1/vendors/{vendorId}/") ? Access.OWN_VENDOR : Access.ADMIN_ONLY;
  }

  @Test
  void everyRouteAnswersEachCredentialAsDocumented() {
    List<Route> routes = new ArrayList<>(Routes.guarded(mapping));
    assertThat(routes).extracting(Route::path).contains("/v1/event-types");
    SoftAssertions softly = new SoftAssertions();
    for (Route route : routes) {
      String target = target(route.path());
      // The admin token goes last, so that what it deletes has been read by the others.
      for (Caller caller : Caller.values()) {
        Response response = send(route.method(), target, caller);
        String what = caller + " " + route.method() + " " + target + ":\n" + response.raw();
        Integer refused = refusal(caller, access(route));
        if (refused == null) {
          softly.assertThat(response.status()).as(what).isNotIn(401, 403);
        } else {
          softly.assertThat(response.status()).as(what).isEqualTo(refused);
          softly.assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        }
      }
    }
    softly.assertAll();
  }

  /** The status a caller is refused with on a route of this access, or null if it may pass. */
  private static Integer refusal(Caller caller, Access access) {
    if (access == Access.LOOPBACK) {
      // No token is needed from this machine, but a token sent is checked: a revoked one is not.
      return caller == Caller.REVOKED_KEY ? 401 : null;
    }
    return switch (caller) {
      case NONE, REVOKED_KEY -> 401;
      case OTHER_VENDORS_KEY -> access == Access.ANY_CREDENTIAL ? null : 403;
      case OWN_KEY -> access == Access.ADMIN_ONLY ? 403 : null;
      case ADMIN -> null;
    };
  }

  /** The pattern with this test's vendor, endpoint, event and key; other variables a made-up id. */
  private String target(String pattern) {
    String target = pattern;
    for (Map.Entry<String, String> id : ids.entrySet()) {
      target = target.replace("{" + id.getKey() + "}", id.getValue());
    }
    return target.replaceAll("\\{[^}/]+}", "id_1");
  }

  private Response send(String method, String target, Caller caller) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (caller != Caller.NONE) {
      headers.put("Authorization", "Bearer " + tokens.get(caller));
    }
    String body = null;
    if (List.of("POST", "PUT", "PATCH").contains(method)) {
      headers.put("Content-Type", "application/json");
      body = "{}";
    }
    return http.send(method, target, "HTTP/1.1", headers, body);
  }

  private static JsonNode newKey(ApiClient admin, String vendorId) {
    ApiClient.Response created =
        admin.post("/v1/vendors/" + vendorId + "/api-keys", "{\"name\":\"matrix\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json();
  }
}
