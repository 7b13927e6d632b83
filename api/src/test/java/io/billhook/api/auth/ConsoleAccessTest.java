package io.billhook.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.api.auth.RawHttp.Response;
import io.billhook.api.testing.ApiClient;
import io.billhook.api.testing.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web console's files are public (they hold no data) and carry a strict content security
 * policy; no spelling of a path through {@code /console/} reaches the API or a file outside it
 * without a token; {@code GET /v1/console} tells the console who signed in.
 */
@ApiTest
class ConsoleAccessTest {
  @LocalServerPort int port;
  private RawHttp http;

  @BeforeEach
  void connect() {
    http = new RawHttp(port);
  }

  private Response get(String target, String token) {
    Map<String, String> headers =
        token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
    return http.send("GET", target, "HTTP/1.1", headers, null);
  }

  @Test
  void theConsoleIsServedWithoutATokenUnderAStrictPolicy() {
    Response page = get("/console/", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body()).contains("<script type=\"module\" src=\"js/app.js\"></script>");
    String policy = page.headers().get("content-security-policy");
    assertThat(policy)
        .contains("script-src 'self'", "frame-ancestors 'none'", "default-src 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval");
    assertThat(page.headers()).containsEntry("x-content-type-options", "nosniff");

    Response script = get("/console/js/app.js", null);
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.contentType()).contains("javascript");
    assertThat(get("/console", null).headers().get("location")).endsWith("/console/");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/console/../v1/vendors/acme/endpoints",
        "/console/%2e%2e/v1/vendors/acme/endpoints",
        "/console/..%2fv1/vendors/acme/endpoints",
        "/console/..;/v1/vendors/acme/endpoints",
        "/console//../v1/vendors/acme/endpoints",
        "/console/%2e%2e/%2e%2e/application.properties",
        "/console/..\\..\\application.properties",
        "/console/js/../../application.properties",
        "/console/%252e%252e/application.properties",
        "/console/../actuator/env",
      })
  void noPathThroughTheConsoleReachesTheApiOrAnotherFile(String target) {
    Response answer = get(target, null);
    assertThat(answer.status()).as(target).isIn(400, 401, 404);
    assertThat(answer.body()).doesNotContain("\"data\"", "spring.", "billhook.");
  }

  @Test
  void onlyTheConsolesFilesArePublic() {
    assertThat(get("/console/../application.properties", null).status()).isEqualTo(400);
    assertThat(get("/application.properties", null).status()).isEqualTo(401);
    assertThat(get("/console/application.properties", null).status()).isEqualTo(404);
    assertThat(get("/console/nothing-here.js", null).status()).isEqualTo(404);
  }

  @Test
  void theConsoleLearnsWhoSignedIn() {
    assertThat(get("/v1/console", null).status()).isEqualTo(401);
    assertThat(get("/v1/console", "bhk_wrong").status()).isEqualTo(401);

    Response admin = get("/v1/console", ApiClient.TOKEN);
    assertThat(admin.status()).isEqualTo(200);
    assertThat(admin.body()).contains("\"caller\":\"admin\"").doesNotContain("vendorId");

    String key =
        new ApiClient(port)
            .post("/v1/vendors/console-who/api-keys", "{\"name\":\"console\"}")
            .json()
            .path("key")
            .asText();
    Response vendor = get("/v1/console", key);
    assertThat(vendor.status()).isEqualTo(200);
    assertThat(vendor.body())
        .contains("\"caller\":\"vendor\"", "\"vendorId\":\"console-who\"")
        .doesNotContain("temporalUi");
  }
}
