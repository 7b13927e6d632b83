package io.billhook.api.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.api.testing.ApiClient;
import io.billhook.api.testing.ApiClient.Response;
import io.billhook.api.testing.ApiTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Endpoint configuration through the API: the happy path and every refusal. */
@ApiTest
class EndpointApiTest {
  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  private ApiClient api;
  private String endpoints;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
    endpoints = "/v1/vendors/v" + UUID.randomUUID().toString().substring(0, 8) + "/endpoints";
  }

  @Test
  void createReadUpdateDelete() {
    Response created =
        api.post(
            endpoints,
            "{\"url\":\"http://localhost:9/billing\",\"events\":[\"payment.received\"],"
                + "\"description\":\"CRM\",\"headers\":{\"X-Tenant\":\"acme\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("id").asText();
    assertThat(id).startsWith("ep_");
    assertThat(created.json().path("secret").asText()).matches("whsec_[A-Za-z0-9+/]{43}=");
    assertThat(created.json().path("enabled").asBoolean()).isTrue();

    Response read = api.get(endpoints + "/" + id);
    assertThat(read.json().path("url").asText()).isEqualTo("http://localhost:9/billing");
    assertThat(read.json().has("secret")).isFalse();
    assertThat(api.get(endpoints).json().path("data")).hasSize(1);

    Response updated = api.patch(endpoints + "/" + id, "{\"events\":[\"*\"],\"enabled\":false}");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().path("events").get(0).asText()).isEqualTo("*");
    assertThat(updated.json().path("enabled").asBoolean()).isFalse();
    assertThat(updated.json().path("description").asText()).isEqualTo("CRM");

    assertThat(api.delete(endpoints + "/" + id).status()).isEqualTo(204);
    assertThat(api.get(endpoints + "/" + id).status()).isEqualTo(404);
  }

  @Test
  void rotatingTheSecretReturnsANewOne() {
    String id = create("http://localhost:9/x");
    String before = secretOf(id);

    String after = rotate(id);

    assertThat(after).startsWith("whsec_").isNotEqualTo(before);
    assertThat(secretOf(id)).isEqualTo(after);
  }

  /**
   * The database holds the secret encrypted; one altered there leaves the endpoint readable and
   * editable, its secret refused with a 409 that says how to get a new one (a retry would not help,
   * so not a 5xx), and a rotation repairs it.
   */
  @Test
  void aSecretAlteredInTheDatabaseIsRefusedUntilRotated() {
    String id = create("http://localhost:9/x");
    String secret = secretOf(id);
    String stored =
        jdbc.sql("SELECT secret FROM endpoints WHERE id = ?")
            .param(id)
            .query(String.class)
            .single();
    assertThat(stored).startsWith("v1:").doesNotContain(secret);
    jdbc.sql("UPDATE endpoints SET secret = overlay(secret placing 'AAAA' from 12) WHERE id = ?")
        .param(id)
        .update();

    assertThat(List.of(api.get(endpoints + "/" + id).status(), api.get(endpoints).status()))
        .containsOnly(200);
    assertThat(api.patch(endpoints + "/" + id, "{\"description\":\"still editable\"}").status())
        .isEqualTo(200);
    Response refused = api.get(endpoints + "/" + id + "/secret");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.detail()).contains("cannot be read").contains("rotate-secret");
    assertThat(refused.body()).doesNotContain(stored.substring(12));

    String fresh = rotate(id);
    assertThat(secretOf(id)).as("a rotation repairs it").isEqualTo(fresh).isNotEqualTo(secret);
  }

  @Test
  void rotationTakesAnOptionalOverlapAndRefusesABadOne() {
    String id = create("http://localhost:9/x");
    String rotate = endpoints + "/" + id + "/rotate-secret";
    String before = secretOf(id);

    for (String bad : List.of("P8D", "-PT1S", "PT0.5S", "tomorrow", "")) {
      Response refused = api.post(rotate, "{\"overlap\":\"" + bad + "\"}");
      assertThat(refused.status()).as(bad).isEqualTo(400);
      assertThat(refused.detail()).contains("overlap must be an ISO-8601 duration");
    }
    assertThat(secretOf(id)).as("a refused rotation changes nothing").isEqualTo(before);

    assertThat(api.post(rotate, "{\"overlap\":\"P7D\"}").status()).isEqualTo(200);
    assertThat(api.post(rotate, "{\"overlap\":\"PT0S\"}").status()).isEqualTo(200);
    assertThat(api.post(endpoints + "/ep_nope/rotate-secret", "").status()).isEqualTo(404);
  }

  @Test
  void aNonHttpUrlIsRefused() {
    assertRefused(
        api.post(endpoints, "{\"url\":\"ftp://x.example.com\",\"events\":[\"*\"]}"),
        "http or https");
  }

  @Test
  void theCloudMetadataAddressIsRefusedEvenLocally() {
    assertRefused(
        api.post(endpoints, "{\"url\":\"http://169.254.169.254/latest\",\"events\":[\"*\"]}"),
        "metadata");
  }

  @Test
  void unknownEventTypesAreRefused() {
    assertRefused(
        api.post(endpoints, "{\"url\":\"http://localhost:9\",\"events\":[\"payment.lost\"]}"),
        "unknown event types [payment.lost]");
  }

  @Test
  void anEmptyEventListIsRefused() {
    assertRefused(
        api.post(endpoints, "{\"url\":\"http://localhost:9\",\"events\":[]}"), "non-empty array");
  }

  @Test
  void aMissingUrlIsRefused() {
    assertRefused(api.post(endpoints, "{\"events\":[\"*\"]}"), "url is required");
  }

  @Test
  void overridingASignatureHeaderIsRefused() {
    assertRefused(
        api.post(
            endpoints,
            "{\"url\":\"http://localhost:9\",\"events\":[\"*\"],"
                + "\"headers\":{\"webhook-signature\":\"v1,forged\"}}"),
        "set by Billhook");
  }

  @ParameterizedTest
  @ValueSource(strings = {"caf\u00e9", "\\u0085", "200kB"})
  void headerValuesHttpCannotCarryAreRefusedWithoutEchoingThem(String value) {
    String json = value.equals("200kB") ? "k".repeat(200_000) : value;

    Response refused =
        api.post(
            endpoints,
            "{\"url\":\"http://localhost:9\",\"events\":[\"*\"],"
                + "\"headers\":{\"X-Api-Key\":\"s3cr3t"
                + json
                + "\"}}");

    assertRefused(refused, "header 'X-Api-Key' has a value");
    assertThat(refused.body()).doesNotContain("s3cr3t");
  }

  @Test
  void aReservedHeaderIsRefusedInAnyCase() {
    assertRefused(
        api.post(
            endpoints,
            "{\"url\":\"http://localhost:9\",\"events\":[\"*\"],"
                + "\"headers\":{\"CONTENT-TYPE\":\"text/plain\"}}"),
        "header 'CONTENT-TYPE' is set by Billhook or by HTTP itself");
  }

  @Test
  void aBadHeaderOnUpdateChangesNothing() {
    String id = create("http://localhost:9/keep");

    Response refused =
        api.patch(endpoints + "/" + id, "{\"headers\":{\"X-Api-Key\":\"caf\u00e9\"}}");

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.detail()).contains("non-ASCII");
    assertThat(api.get(endpoints + "/" + id).json().path("headers")).isEmpty();
  }

  @Test
  void aTypeListedTwiceOrBesideTheWildcardIsRefused() {
    assertRefused(
        api.post(
            endpoints,
            "{\"url\":\"http://localhost:9\",\"events\":[\"payment.failed\",\"payment.failed\"]}"),
        "events lists 'payment.failed' more than once");
    assertRefused(
        api.post(
            endpoints, "{\"url\":\"http://localhost:9\",\"events\":[\"*\",\"payment.failed\"]}"),
        "send [\"*\"] alone");
  }

  @Test
  void aDescriptionOver500CharactersIsRefused() {
    assertRefused(
        api.post(
            endpoints,
            "{\"url\":\"http://localhost:9\",\"events\":[\"*\"],\"description\":\""
                + "d".repeat(501)
                + "\"}"),
        "description must be at most 500 characters");
  }

  @Test
  void malformedJsonIsRefused() {
    assertRefused(api.post(endpoints, "{\"url\":"), "valid JSON");
  }

  @Test
  void aFieldOfTheWrongTypeIsRefused() {
    assertRefused(
        api.post(endpoints, "{\"url\":\"http://localhost:9\",\"events\":\"*\"}"),
        "field 'events' must be an array of strings");
  }

  @Test
  void aBadUpdateChangesNothing() {
    String id = create("http://localhost:9/keep");

    Response refused = api.patch(endpoints + "/" + id, "{\"url\":\"gopher://nope\"}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(api.get(endpoints + "/" + id).json().path("url").asText())
        .isEqualTo("http://localhost:9/keep");
  }

  @Test
  void anUnknownEndpointIsNotFound() {
    Response response = api.get(endpoints + "/ep_nope");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(api.post(endpoints + "/ep_nope/test", "").status()).isEqualTo(404);
    assertThat(api.get(endpoints + "/ep_nope/attempts").status()).isEqualTo(404);
  }

  @Test
  void theCatalogueListsEveryEventType() {
    Response response = api.get("/v1/event-types");
    assertThat(response.json().path("data")).hasSize(17);
    assertThat(response.body())
        .contains("trial.expiring")
        .contains("webhook.test")
        .contains("endpoint.disabled");
  }

  private String create(String url) {
    return api.post(endpoints, "{\"url\":\"" + url + "\",\"events\":[\"*\"]}")
        .json()
        .path("id")
        .asText();
  }

  private void assertRefused(Response response, String detail) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.detail()).contains(detail);
    assertThat(api.get(endpoints).json().path("data")).isEmpty();
  }

  private String secretOf(String id) {
    return api.get(endpoints + "/" + id + "/secret").json().path("secret").asText();
  }

  private String rotate(String id) {
    return api.post(endpoints + "/" + id + "/rotate-secret", "").json().path("secret").asText();
  }
}
