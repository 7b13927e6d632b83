package io.billhook.api.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.api.testing.ApiClient;
import io.billhook.api.testing.ApiTest;
import jakarta.servlet.Filter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The codec endpoint as the embedded default serves it: the Temporal UI's origin (its dev server on
 * 127.0.0.1:8233) gets its payloads in clear with no token from this machine; any other origin is
 * refused; a caller from another machine needs the admin token; bad input is a 4xx problem.
 */
@ApiTest
class CodecEndpointTest {
  private static final String UI = "http://127.0.0.1:8233";
  private static final String CLEAR = "{\"subscriberEmail\":\"ann@example.com\"}";

  @LocalServerPort int port;
  @Autowired WebApplicationContext context;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theUiEncodesAndDecodesWithoutATokenFromThisMachine() throws Exception {
    HttpResponse<String> encoded = post("/codec/encode", UI, null, body(jsonPayload(CLEAR)));

    assertThat(encoded.statusCode()).isEqualTo(200);
    assertThat(encoded.headers().firstValue("Access-Control-Allow-Origin")).contains(UI);
    assertThat(encoded.body())
        .contains(b64("binary/encrypted"))
        .doesNotContain(b64(CLEAR))
        .doesNotContain("ann@example.com");

    HttpResponse<String> decoded = post("/codec/decode", UI, null, encoded.body());

    assertThat(decoded.statusCode()).isEqualTo(200);
    assertThat(decoded.body()).contains(b64(CLEAR)).contains(b64("json/plain"));
  }

  @Test
  void theUisPreflightIsAnswered() throws Exception {
    HttpResponse<String> preflight = preflight(UI);

    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(UI);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).contains("POST");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
        .contains("X-Namespace")
        .contains("Content-Type");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8233.evil",
        "null",
        "https://127.0.0.1:8233",
        "http://127.0.0.1:82330",
        "http://127.0.0.1",
        "http://evil.example",
        "http://127.0.0.1:8233/"
      })
  void anyOtherOriginIsRefusedEvenWithTheToken(String origin) throws Exception {
    HttpResponse<String> preflight = preflight(origin);
    HttpResponse<String> decode =
        post("/codec/decode", origin, ApiClient.TOKEN, body(jsonPayload(CLEAR)));

    for (HttpResponse<String> refused : List.of(preflight, decode)) {
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      assertThat(refused.body()).contains("BILLHOOK_TEMPORAL_UI_ORIGIN");
      assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
  }

  @Test
  void fromAnotherMachineTheAdminTokenIsRequired() throws Exception {
    assertThat(fromElsewhere(null).getStatus()).isEqualTo(401);
    assertThat(fromElsewhere("not-the-token").getStatus()).isEqualTo(401);
    MockHttpServletResponse admin = fromElsewhere(ApiClient.TOKEN);
    assertThat(admin.getStatus()).isEqualTo(200);
    assertThat(admin.getContentAsString()).contains(b64(CLEAR));
  }

  @Test
  void badInputIsAClearProblem() throws Exception {
    String unknownKey =
        body(
            "{\"metadata\":{\"encoding\":\""
                + b64("binary/encrypted")
                + "\",\"encryption-key-id\":\""
                + b64("k9")
                + "\"},\"data\":\""
                + b64("x".repeat(40))
                + "\"}");
    assertProblem(post("/codec/decode", UI, null, "{\"payloads\":"), 400, "");
    assertProblem(post("/codec/decode", UI, null, "{}"), 400, "payloads");
    assertProblem(post("/codec/decode", UI, null, "{\"payloads\":\"x\"}"), 400, "");
    assertProblem(post("/codec/decode", UI, null, "{\"payloads\":[null]}"), 400, "payloads[0]");
    assertProblem(post("/codec/decode", UI, null, body("{\"data\":5}")), 400, "");
    assertProblem(post("/codec/decode", UI, null, body("{\"metadata\":[]}")), 400, "");
    assertProblem(
        post("/codec/decode", UI, null, body("{\"metadata\":{},\"data\":\"%%%\"}")),
        400,
        "payloads[0].data is not valid base64");
    assertProblem(
        post("/codec/decode", UI, null, body("{\"metadata\":{\"encoding\":\"@\"},\"data\":\"\"}")),
        400,
        "payloads[0].metadata.encoding is not valid base64");
    assertProblem(post("/codec/decode", UI, null, unknownKey), 400, "key id k9");
    String many = String.join(",", Collections.nCopies(5000, "{}"));
    assertProblem(post("/codec/decode", UI, null, "{\"payloads\":[" + many + "]}"), 413, "4096");
    String huge = body(jsonPayload("\"" + "a".repeat(300_000) + "\""));
    assertProblem(post("/codec/decode", UI, null, huge), 413, "256 KiB");
    HttpResponse<String> otherNamespace =
        http.send(
            request("/codec/decode", UI, null)
                .header("X-Namespace", "payments")
                .POST(HttpRequest.BodyPublishers.ofString(body(jsonPayload(CLEAR))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertProblem(otherNamespace, 400, "it serves default");
  }

  private MockHttpServletResponse fromElsewhere(String token) throws Exception {
    MockMvc mvc =
        MockMvcBuilders.webAppContextSetup(context)
            .addFilters(context.getBean("springSecurityFilterChain", Filter.class))
            .build();
    var request =
        MockMvcRequestBuilders.post("/codec/decode")
            .contentType("application/json")
            .content(body(jsonPayload(CLEAR)))
            .with(
                r -> {
                  r.setRemoteAddr("203.0.113.7");
                  return r;
                });
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return mvc.perform(request).andReturn().getResponse();
  }

  private static void assertProblem(HttpResponse<String> answer, int status, String detail) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(answer.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(answer.body()).contains(detail);
  }

  private HttpResponse<String> post(String path, String origin, String token, String json)
      throws Exception {
    return http.send(
        request(path, origin, token)
            .header("X-Namespace", "default")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> preflight(String origin) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/codec/decode"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type,x-namespace")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path, String origin, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json");
    if (origin != null) {
      request.header("Origin", origin);
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private static String jsonPayload(String json) {
    return "{\"metadata\":{\"encoding\":\""
        + b64("json/plain")
        + "\"},\"data\":\""
        + b64(json)
        + "\"}";
  }

  private static String body(String payload) {
    return "{\"payloads\":[" + payload + "]}";
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
