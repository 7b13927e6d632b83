package io.billhook.api.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billhook.api.testing.ApiClient;
import io.billhook.api.testing.ApiClient.Response;
import io.billhook.api.testing.ApiTest;
import io.billhook.api.testing.FreshVendor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A vendor's API keys as the admin makes, lists and revokes them, and as their holder uses them.
 */
@ApiTest
class ApiKeysTest {
  @RegisterExtension final FreshVendor vendor = new FreshVendor("keys");
  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void theKeyIsShownOnceAndTheListShowsOnlyItsPrefix() {
    Response created = vendor.post("/api-keys", "{\"name\":\"billing sync\"}");

    assertThat(created.status()).isEqualTo(201);
    JsonNode key = created.json();
    assertThat(key.path("id").asText()).startsWith("key_");
    assertThat(key.path("name").asText()).isEqualTo("billing sync");
    assertThat(key.path("key").asText()).startsWith("bhk_").hasSize(63);
    assertThat(key.path("createdAt").asText()).isNotEmpty();

    Response listed = vendor.get("/api-keys");
    assertThat(listed.status()).isEqualTo(200);
    JsonNode only = listed.json().path("data").get(0);
    assertThat(listed.json().path("data")).hasSize(1);
    assertThat(only.path("id").asText()).isEqualTo(key.path("id").asText());
    assertThat(only.has("key")).isFalse();
    assertThat(only.has("lastUsedAt")).isFalse();
    assertThat(key.path("key").asText()).startsWith(only.path("prefix").asText());
    assertThat(only.path("prefix").asText()).hasSize(12);
    assertThat(listed.body()).doesNotContain(secretPart(key.path("key").asText()));
  }

  @Test
  void onlyAHashOfTheKeyIsStored() throws Exception {
    String key = vendor.post("/api-keys", "").json().path("key").asText();

    List<Map<String, Object>> rows =
        jdbc.sql("SELECT *, key_hash::text AS hash_text FROM api_keys WHERE vendor_id = ?")
            .param(vendor.id())
            .query()
            .listOfRows();

    assertThat(rows).hasSize(1);
    String everything = rows.get(0).values().toString();
    assertThat(everything).doesNotContain(secretPart(key)).doesNotContain(key);
    byte[] sha256 =
        MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
    assertThat((byte[]) rows.get(0).get("key_hash")).isEqualTo(sha256);
  }

  @Test
  void aKeyWorksUntilItIsRevokedAndNotAfter() {
    JsonNode created = vendor.post("/api-keys", "{}").json();
    ApiClient holder = new ApiClient(port, created.path("key").asText());

    assertThat(holder.get(vendor.path() + "/endpoints").status()).isEqualTo(200);
    assertThat(holder.get("/v1/event-types").status()).isEqualTo(200);
    assertThat(vendor.get("/api-keys").json().path("data").get(0).path("lastUsedAt").asText())
        .isNotEmpty();

    assertThat(vendor.delete("/api-keys/" + created.path("id").asText()).status()).isEqualTo(204);

    Response after = holder.get(vendor.path() + "/endpoints");
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.detail()).contains("not valid");
    assertThat(vendor.get("/api-keys").json().path("data")).isEmpty();
    assertThat(vendor.delete("/api-keys/" + created.path("id").asText()).status()).isEqualTo(404);
  }

  @Test
  void anotherVendorsKeyIdCannotBeRevokedThroughThisVendor() {
    String otherVendor = vendor.id() + "-b";
    JsonNode other = vendor.api().post("/v1/vendors/" + otherVendor + "/api-keys", "{}").json();

    Response revoke = vendor.delete("/api-keys/" + other.path("id").asText());

    assertThat(revoke.status()).isEqualTo(404);
    assertThat(revoke.contentType()).startsWith("application/problem+json");
    ApiClient holder = new ApiClient(port, other.path("key").asText());
    assertThat(holder.get("/v1/vendors/" + otherVendor + "/endpoints").status()).isEqualTo(200);
    assertThat(vendor.get("/api-keys").json().path("data")).isEmpty();
  }

  @Test
  void badNamesAndBodiesAreRefusedInTheCallersTerms() {
    Map<String, String> refused =
        Map.of(
            "{\"name\":\"" + "n".repeat(101) + "\"}",
            "name must be 1 to 100 characters",
            "{\"name\":\"   \"}",
            "name must be 1 to 100 characters",
            "{\"name\":\"a\\nb\"}",
            "control characters",
            "{\"name\":\"a\\u2028b\"}",
            "control characters",
            "{\"name\":\"invoice\\u202etxt.exe\"}",
            "reorder text",
            "{\"name\":7}",
            "name",
            "{\"nmae\":\"x\"}",
            "nmae",
            "[]",
            "");
    refused.forEach(
        (body, detail) -> {
          Response response = vendor.post("/api-keys", body);
          assertThat(response.status()).as(body + " -> " + response.body()).isEqualTo(400);
          assertThat(response.detail()).as(body).contains(detail);
        });
    assertThat(vendor.get("/api-keys").json().path("data")).isEmpty();

    Response unicode = vendor.post("/api-keys", "{\"name\":\"Zürich 🔑 ключ\"}");
    assertThat(unicode.status()).isEqualTo(201);
    assertThat(vendor.get("/api-keys").json().path("data").get(0).path("name").asText())
        .isEqualTo("Zürich 🔑 ключ");
    assertThat(vendor.api().post("/v1/vendors/bad%20id/api-keys", "{}").status()).isEqualTo(400);
  }

  @Test
  void aVendorHoldsAtMostAHundredKeysEvenWhenTheLastOnesAreMadeAllAtOnce() throws Exception {
    for (int i = 0; i < 96; i++) {
      assertThat(vendor.post("/api-keys", "{}").status()).isEqualTo(201);
    }
    ExecutorService callers = Executors.newFixedThreadPool(16);
    List<Integer> statuses = new ArrayList<>();
    try {
      List<Future<Integer>> calls =
          IntStream.range(0, 16)
              .mapToObj(i -> callers.submit(() -> vendor.post("/api-keys", "{}").status()))
              .toList();
      for (Future<Integer> call : calls) {
        statuses.add(call.get());
      }
    } finally {
      callers.shutdownNow();
    }

    assertThat(statuses).filteredOn(s -> s == 201).hasSize(4);
    assertThat(statuses).filteredOn(s -> s == 409).hasSize(12);
    assertThat(vendor.get("/api-keys").json().path("data")).hasSize(100);
    Response more = vendor.post("/api-keys", "{}");
    assertThat(more.status()).isEqualTo(409);
    assertThat(more.detail()).contains("already has 100 API keys");
  }

  private static String secretPart(String key) {
    return key.substring(20);
  }
}
