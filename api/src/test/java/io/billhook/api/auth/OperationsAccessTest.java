package io.billhook.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.api.auth.RawHttp.Response;
import io.billhook.api.testing.ApiClient;
import io.billhook.api.testing.ApiTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What is not the billing API: Prometheus metrics for the admin token only, however the path is
 * spelled; health for anyone; no other actuator endpoint at all; the OpenAPI document and Swagger
 * UI for anyone to read, and to read only, naming no host but the one asked.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsAccessTest {
  private static final String METRICS = "/actuator/prometheus";

  @LocalServerPort int port;
  private RawHttp http;
  private String vendorKey;

  @BeforeAll
  void givenAVendorKey() {
    http = new RawHttp(port);
    String vendor = "ops-" + UUID.randomUUID().toString().substring(0, 8);
    vendorKey =
        new ApiClient(port)
            .post("/v1/vendors/" + vendor + "/api-keys", "{\"name\":\"ops\"}")
            .json()
            .path("key")
            .asText();
  }

  @Test
  void metricsAnswerTheAdminTokenOnly() {
    Response admin = get(METRICS, ApiClient.TOKEN);
    assertThat(admin.status()).as(admin.raw()).isEqualTo(200);
    assertThat(admin.contentType()).startsWith("text/plain");
    assertThat(admin.body()).contains("# HELP", "billhook_deliveries_pending");

    Response vendor = get(METRICS, vendorKey);
    assertThat(vendor.status()).as(vendor.raw()).isEqualTo(403);
    assertThat(vendor.contentType()).startsWith("application/problem+json");
    Response none = get(METRICS, null);
    assertThat(none.status()).as(none.raw()).isEqualTo(401);
    assertThat(none.contentType()).startsWith("application/problem+json");
  }

  @Test
  void noSpellingOfTheMetricsPathShowsThemWithoutTheAdminToken() {
    SoftAssertions softly = new SoftAssertions();
    for (String path :
        List.of(
            METRICS + "/",
            METRICS + "//",
            "/actuator;x/prometheus",
            METRICS + ";x",
            "/%61ctuator/prometheus",
            "/actuator/%70rometheus",
            "/actuator%2Fprometheus",
            "/actuator/./prometheus",
            "/x/../actuator/prometheus",
            "//actuator/prometheus",
            "/ACTUATOR/prometheus",
            "/actuator/prometheus.txt",
            "/actuator/prometheus?format=openmetrics")) {
      for (String token : new String[] {null, vendorKey}) {
        Response response = get(path, token);
        String what = path + (token == null ? " (none)" : " (vendor key)") + ":\n" + response.raw();
        softly.assertThat(response.status()).as(what).isBetween(400, 499);
        softly.assertThat(response.body()).as(what).doesNotContain("# HELP", "billhook_");
      }
    }
    softly.assertAll();
  }

  @Test
  void noOtherActuatorEndpointIsThereEvenForTheAdmin() {
    SoftAssertions softly = new SoftAssertions();
    for (String name :
        List.of(
            "",
            "/info",
            "/env",
            "/beans",
            "/configprops",
            "/heapdump",
            "/threaddump",
            "/loggers",
            "/metrics",
            "/mappings",
            "/scheduledtasks",
            "/shutdown",
            "/health/db",
            "/health/liveness")) {
      Response response = get("/actuator" + name, ApiClient.TOKEN);
      softly
          .assertThat(response.status())
          .as("/actuator" + name + "\n" + response.raw())
          .isEqualTo(404);
    }
    softly.assertAll();
  }

  @Test
  void nothingARequestSendsBecomesALabel() {
    String marker = "zq" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + ApiClient.TOKEN);
    headers.put("User-Agent", marker);
    headers.put("X-Forwarded-For", marker);
    http.send(marker.toUpperCase(Locale.ROOT), "/v1/event-types", "HTTP/1.1", headers, null);
    http.send("GET", "/v1/" + marker, "HTTP/1.1", headers, null);
    http.send("GET", "/v1/vendors/" + marker + "/events?type=" + marker, "HTTP/1.1", headers, null);
    http.send("GET", "/" + marker, "HTTP/1.1", Map.of(), null);

    Response scrape = get(METRICS, ApiClient.TOKEN);

    assertThat(scrape.body()).contains("http_server_requests_seconds");
    assertThat(scrape.body().toLowerCase(Locale.ROOT)).doesNotContain(marker);
  }

  @Test
  void healthIsPublicAndSaysOnlyUpOrDown() {
    Response health = get("/actuator/health", null);

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
  }

  @Test
  void theDocumentationIsPublicReadOnlyAndNamesNoHost() {
    Map<String, String> spoofed = new LinkedHashMap<>();
    spoofed.put("X-Forwarded-Host", "evil.example");
    spoofed.put("X-Forwarded-Proto", "https");
    spoofed.put("Forwarded", "host=evil.example;proto=https");
    Response docs = http.send("GET", "/v3/api-docs", "HTTP/1.1", spoofed, null);
    assertThat(docs.status()).as(docs.raw()).isEqualTo(200);
    assertThat(docs.body())
        .contains("\"openapi\":\"3.1")
        .doesNotContain("evil.example", "localhost");

    Response config = get("/v3/api-docs/swagger-config", null);
    assertThat(config.status()).isEqualTo(200);
    assertThat(config.body()).contains("/v3/api-docs").doesNotContain("petstore");
    Response page = get("/swagger-ui/index.html", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(get("/swagger-ui/swagger-ui-bundle.js", null).status()).isEqualTo(200);
    Response initializer = get("/swagger-ui/swagger-initializer.js", null);
    assertThat(initializer.status()).isEqualTo(200);
    assertThat(initializer.body()).doesNotContain("petstore");

    Response write =
        http.send(
            "POST", "/v3/api-docs", "HTTP/1.1", Map.of("Content-Type", "application/json"), "{}");
    assertThat(write.status()).as(write.raw()).isEqualTo(401);
  }

  private Response get(String target, String token) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    return http.send("GET", target, "HTTP/1.1", headers, null);
  }
}
