package io.billhook.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billhook.api.auth.AccessControlTest.Probe;
import io.billhook.api.auth.RawHttp.Response;
import io.billhook.api.testing.ApiClient;
import io.billhook.api.testing.ApiTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Vendor keys under hostile spellings and bearers: a vendor key reaches its own vendor's routes
 * (not its keys) and the catalogue, however the path is spelled, and nothing else. Every route
 * under every kind of caller is {@link RouteAccessMatrixTest}.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VendorKeyAccessTest {
  @LocalServerPort int port;
  private RawHttp http;
  private ApiClient admin;
  private final String vendor = "keys-" + UUID.randomUUID().toString().substring(0, 8);
  private final String otherVendor = vendor + "-other";
  private String ownKey;
  private String otherKey;
  private String revokedKey;
  private String spareKeyId;

  /** A kind of caller, in the order the matrix sends them: the refused ones first. */
  enum Caller {
    NONE,
    REVOKED_KEY,
    OTHER_VENDORS_KEY,
    OWN_KEY,
    ADMIN
  }

  @BeforeAll
  void givenAVendorWithAnEndpointAnEventAndKeys() {
    http = new RawHttp(port);
    admin = new ApiClient(port);
    String base = "/v1/vendors/" + vendor;
    created(base + "/endpoints", "{\"url\":\"http://127.0.0.1:9/never\",\"events\":[\"*\"]}");
    ownKey = newKey(vendor).path("key").asText();
    otherKey = newKey(otherVendor).path("key").asText();
    JsonNode revoked = newKey(vendor);
    revokedKey = revoked.path("key").asText();
    assertThat(admin.delete(base + "/api-keys/" + revoked.path("id").asText()).status())
        .isEqualTo(204);
    spareKeyId = newKey(vendor).path("id").asText();
  }

  Stream<Spelling> spellings() {
    return Spelling.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spellings")
  void noSpellingLetsAKeyManageKeysOrReachAnotherVendor(Spelling spelling) {
    String base = "/v1/vendors/" + vendor;
    SoftAssertions softly = new SoftAssertions();
    for (Probe probe :
        List.of(
            new Probe("GET", base + "/api-keys", null),
            new Probe("POST", base + "/api-keys", "{}"),
            new Probe("DELETE", base + "/api-keys/" + spareKeyId, null),
            new Probe("GET", base + "/endpoints", null))) {
      for (Caller caller : List.of(Caller.OWN_KEY, Caller.OTHER_VENDORS_KEY)) {
        if (caller == Caller.OWN_KEY && probe.path().endsWith("/endpoints")) {
          continue;
        }
        String target = spelling.target().apply(probe.path());
        Response response = send(probe.method(), target, spelling, caller, probe.body());
        String what = caller + " " + probe.method() + " " + target + ":\n" + response.raw();
        softly.assertThat(response.status()).as(what).isBetween(400, 499);
        softly.assertThat(response.contentType()).as(what).startsWith("application/problem+json");
      }
    }
    softly.assertAll();
  }

  @Test
  void anEncodedVendorIdIsTheVendorItDecodesTo() {
    String encoded = "/v1/vendors/%" + Integer.toHexString(vendor.charAt(0)) + vendor.substring(1);

    assertThat(send("GET", encoded + "/endpoints", Caller.OTHER_VENDORS_KEY, null).status())
        .isEqualTo(403);
    assertThat(send("GET", encoded + "/endpoints", Caller.OWN_KEY, null).status()).isEqualTo(200);
    assertThat(send("GET", encoded + "/api-keys", Caller.OWN_KEY, null).status()).isEqualTo(403);
    assertThat(send("GET", encoded + "/api-keys", Caller.ADMIN, null).status()).isEqualTo(200);
  }

  @Test
  void anEncodedRouteNameIsTheRouteItDecodesTo() {
    String base = "/v1/vendors/" + vendor;
    for (String keys : List.of("/api%2Dkeys", "/api%2dkeys", "/%61pi-keys", "/api-key%73")) {
      Response response = send("GET", base + keys, Caller.OWN_KEY, null);
      assertThat(response.status()).as(keys + "\n" + response.raw()).isEqualTo(403);
      assertThat(send("GET", base + keys, Caller.ADMIN, null).status()).as(keys).isEqualTo(200);
    }
  }

  @Test
  void hostileBearersAreRefusedAsInvalid() {
    String path = "/v1/vendors/" + vendor + "/endpoints";
    String last = ownKey.substring(ownKey.length() - 1);
    List<String> bearers =
        List.of(
            ownKey.substring(0, ownKey.length() - 1) + (last.equals("A") ? "B" : "A"),
            ownKey.substring(0, ownKey.length() - 1),
            ownKey + "A",
            ownKey.toUpperCase(),
            "bhk_" + "A".repeat(59),
            "bhk_",
            "bhk_" + "A".repeat(6000),
            "bhk_" + ownKey.substring(4, 20) + "\u00e9".repeat(43),
            ownKey.substring(0, 20) + "\u00ef\u00bc\u00a1".repeat(14) + "x",
            "key_" + ownKey.substring(4),
            otherKey.substring(0, 20) + ownKey.substring(20));
    for (String bearer : bearers) {
      Response response = send("GET", path, Spelling.all().get(0), "Bearer " + bearer, null);
      assertThat(response.status()).as(bearer + "\n" + response.raw()).isEqualTo(401);
      assertThat(response.contentType()).startsWith("application/problem+json");
    }
    Response huge =
        send("GET", path, Spelling.all().get(0), "Bearer bhk_" + "A".repeat(20_000), null);
    assertThat(huge.status()).as(huge.raw()).isBetween(400, 499);
    assertThat(send("GET", path, Caller.OWN_KEY, null).status()).isEqualTo(200);
  }

  private String created(String path, String json) {
    return admin.post(path, json).json().path("id").asText();
  }

  private JsonNode newKey(String vendorId) {
    ApiClient.Response created =
        admin.post("/v1/vendors/" + vendorId + "/api-keys", "{\"name\":\"access test\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json();
  }

  private Response send(String method, String target, Caller caller, String body) {
    return send(method, target, Spelling.all().get(0), caller, body);
  }

  private Response send(
      String method, String target, Spelling spelling, Caller caller, String body) {
    String token =
        switch (caller) {
          case NONE -> null;
          case REVOKED_KEY -> revokedKey;
          case OTHER_VENDORS_KEY -> otherKey;
          case OWN_KEY -> ownKey;
          case ADMIN -> ApiClient.TOKEN;
        };
    return send(method, target, spelling, token == null ? null : "Bearer " + token, body);
  }

  private Response send(
      String method, String target, Spelling spelling, String authorization, String body) {
    Map<String, String> headers = new LinkedHashMap<>(spelling.headers());
    if (authorization != null) {
      headers.put("Authorization", authorization);
    }
    if (body != null) {
      headers.put("Content-Type", "application/json");
    }
    return http.send(method, target, spelling.version(), headers, body);
  }
}
