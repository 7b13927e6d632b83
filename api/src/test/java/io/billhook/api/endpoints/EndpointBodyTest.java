package io.billhook.api.endpoints;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.billhook.api.testing.EdgeMvc;
import io.billhook.api.testing.EdgeSlice;
import io.billhook.core.endpoints.Endpoint;
import io.billhook.core.endpoints.EndpointService;
import io.billhook.core.events.EventQueries;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** Endpoint bodies (create, update, rotate-secret, test): every bad one refused, nothing done. */
@EdgeSlice(EndpointController.class)
class EndpointBodyTest {
  private static final String ENDPOINTS = "/v1/vendors/v1/endpoints";
  private static final String ONE = ENDPOINTS + "/ep_1";
  private static final String VALID = "{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"*\"]}";

  @Autowired EdgeMvc api;
  @MockitoBean EndpointService endpoints;
  @MockitoBean EventQueries queries;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "POST  | "
            + ENDPOINTS
            + " | {\"url\":\"http://127.0.0.1:9/\",\"events\":[\"*\"],"
            + "\"description\":\"a\\u0000b\"} | description",
        "PATCH | " + ONE + " | {\"description\":\"CRM\\u0000\"} | description",
        "PATCH | " + ONE + " | {\"headers\":{\"X-Tenant\":\"\\u0000\"}} | headers.X-Tenant",
        "PATCH | " + ONE + " | {\"events\":[\"*\",\"\\u0000\"]} | events[1]",
        "PATCH | " + ONE + " | {\"url\":\"http://127.0.0.1:9/\\u0000\"} | url"
      })
  void aNulCharacterIsRefusedNamingTheField(String method, String path, String json, String f) {
    api.send(method, path, json)
        .isProblem(400, "field '" + f + "' contains a NUL character (\\u0000)");
    verifyNoInteractions(endpoints);
  }

  @ParameterizedTest
  @CsvSource({
    "POST, " + ENDPOINTS,
    "PATCH, " + ONE,
    "POST, " + ONE + "/rotate-secret",
    "POST, " + ONE + "/test"
  })
  void bytesThatAreNotUtf8AreRefused(String method, String path) {
    byte[] latin1 = "{\"description\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    api.send(method, path, "application/json", latin1).isProblem(400, "not valid UTF-8");
    api.send(method, path, "application/json; charset=ISO-8859-1", latin1)
        .isProblem(415, "charset 'ISO-8859-1' is not supported; send the body in UTF-8");
    byte[] overlong = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
    api.send(method, path, "application/json", overlong).isProblem(400, "not valid UTF-8");
    verifyNoInteractions(endpoints);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/xml",
        "application/merge-patch+json",
        "application/json; charset=utf-16",
        "application/json; profile=x",
        "not a media type"
      })
  void aBodyThatIsNotDeclaredAsJsonInUtf8IsRefused(String contentType) {
    byte[] body = VALID.getBytes(StandardCharsets.UTF_8);
    api.send("POST", ENDPOINTS, contentType, body).isProblem(415, "Content-Type: application/json");
    api.send("PATCH", ONE, contentType, body).isProblem(415, "application/json");
    verifyNoInteractions(endpoints);
  }

  @Test
  void aBodyWithoutContentTypeIsRefused() {
    api.send("POST", ENDPOINTS, null, VALID.getBytes(StandardCharsets.UTF_8))
        .isProblem(415, "Content-Type is missing");
    verifyNoInteractions(endpoints);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "application/json; charset=utf-8",
        "APPLICATION/JSON;charset=UTF-8"
      })
  void jsonWithOrWithoutUtf8CharsetIsAccepted(String contentType) {
    when(endpoints.create(anyString(), any())).thenReturn(endpoint());
    Assertions.assertThat(
            api.send("POST", ENDPOINTS, contentType, VALID.getBytes(StandardCharsets.UTF_8))
                .status())
        .isEqualTo(201);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"url\":\"http://127.0.0.1:9/a\",\"events\":[\"*\"],\"url\":\"http://127.0.0.1:9/b\"} | url",
        "{\"url\":\"http://127.0.0.1:9/a\",\"events\":[\"*\"],\"\\u0075rl\":\"x\"} | url",
        "{\"url\":\"http://127.0.0.1:9/a\",\"events\":[\"*\"],\"headers\":{\"X\":\"1\",\"X\":\"2\"}} | headers.X"
      })
  void aKeyTwiceIsRefused(String json, String field) {
    api.send("POST", ENDPOINTS, json).isProblem(400, "duplicate field '" + field + "'");
    verifyNoInteractions(endpoints);
  }

  @Test
  void unknownFieldsAreRefusedNamingThem() {
    api.send("POST", ENDPOINTS, VALID.replace("}", ",\"secret\":\"whsec_mine\"}"))
        .isProblem(
            400,
            "unknown field 'secret'; the fields are chatId, description, enabled, events, format,"
                + " headers, template, url");
    api.send("PATCH", ONE, "{\"enable\":false}").isProblem(400, "unknown field 'enable'");
    api.send("POST", ONE + "/rotate-secret", "{\"secret\":\"whsec_mine\"}")
        .isProblem(400, "unknown field 'secret'; the fields are overlap");
    api.send("POST", ONE + "/test", "{\"type\":\"payment.received\"}")
        .isProblem(400, "unknown field 'type'; this request takes no fields");
    verifyNoInteractions(endpoints);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"events\":\"payment.received\"} | field 'events' must be an array of strings",
        "{\"events\":[1]} | field 'events[0]' must be a string",
        "{\"enabled\":\"true\"} | field 'enabled' must be true or false",
        "{\"enabled\":1} | field 'enabled' must be true or false",
        "{\"url\":{}} | field 'url' must be a string",
        "{\"description\":5} | field 'description' must be a string",
        "{\"headers\":[]} | field 'headers' must be an object whose values are strings",
        "{\"headers\":{\"X\":1}} | field 'headers.X' must be a string",
        "{\"url\":1e999999999} | field 'url' must be a string",
        "[] | request body must be a JSON object",
        "\"x\" | request body must be a JSON object"
      })
  void aWrongTypeIsRefusedSayingWhatTheFieldMustBe(String json, String detail) {
    api.send("PATCH", ONE, json).isProblem(400, detail);
    verifyNoInteractions(endpoints);
  }

  @Test
  void malformedJsonSaysWhereItBreaks() {
    api.send("POST", ENDPOINTS, "{\"url\": x}")
        .isProblem(400, "request body is not valid JSON at line 1, column 9");
    api.send("PATCH", ONE, "{\"url\":\"x\"} {}")
        .isProblem(400, "unexpected content after the JSON value at line 1, column 13");
    api.send("PATCH", ONE, "\uFEFF{\"url\":\"x\"}").isProblem(400, "byte order mark");
    String deep = "[".repeat(5000) + "]".repeat(5000);
    api.send("POST", ENDPOINTS, deep).isProblem(400, "request body must be a JSON object");
    api.send("PATCH", ONE, "{\"headers\":{\"X\":" + deep + "}}")
        .isProblem(400, "field 'headers.X' must be a string");
    verifyNoInteractions(endpoints);
  }

  @Test
  void anEmptyBodySaysWhatToSend() {
    for (String empty : List.of("", "null")) {
      api.send("POST", ENDPOINTS, empty)
          .isProblem(400, "request body is required: a JSON object with url and events");
      api.send("PATCH", ONE, empty)
          .isProblem(400, "request body is required: a JSON object with the fields to change");
    }
    api.send("POST", ENDPOINTS, null, new byte[0])
        .isProblem(400, "request body is required: a JSON object with url and events");
    verifyNoInteractions(endpoints);
  }

  @Test
  void actionsWithoutFieldsTakeNoBodyOrAnEmptyObject() {
    when(endpoints.rotateSecret(eq("v1"), eq("ep_1"), any())).thenReturn(endpoint());
    Assertions.assertThat(api.send("POST", ONE + "/rotate-secret", null, new byte[0]).status())
        .isEqualTo(200);
    Assertions.assertThat(api.send("POST", ONE + "/rotate-secret", "{}").status()).isEqualTo(200);
  }

  private static Endpoint endpoint() {
    return Endpoint.newBuilder(Instant.parse("2026-03-29T14:32:00Z"))
        .setId("ep_1")
        .setVendorId("v1")
        .setUrl("http://127.0.0.1:9/hook")
        .setEvents(List.of(Endpoint.ALL_EVENTS))
        .setSecret("whsec_x")
        .build();
  }
}
