package io.billhook.api.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.billhook.api.testing.ApiTest;
import io.billhook.api.testing.Routes;
import io.billhook.api.testing.Routes.Route;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document, as a reader without a credential gets it: every route the application
 * serves is in it, with a summary, every error it can answer, and an example of each request and
 * response that validates against its schema.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDocsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  @LocalServerPort int port;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mapping;

  private JsonNode doc;

  @BeforeAll
  void readTheDocumentWithoutACredential() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    doc = JSON.readTree(response.body());
  }

  @Test
  void everyRouteIsInTheDocumentAndNothingElse() {
    List<String> routes = Routes.of(mapping).stream().map(Route::toString).toList();
    List<String> documented = new ArrayList<>();
    forEachOperation((route, op) -> documented.add(route));

    assertThat(routes).isNotEmpty();
    assertThat(documented).containsExactlyInAnyOrderElementsOf(routes);
  }

  @Test
  void everyOperationIsNamedAndAnswersItsErrorsAsProblems() {
    SoftAssertions softly = new SoftAssertions();
    forEachOperation(
        (what, op) -> {
          softly.assertThat(op.path("operationId").asText()).as(what).matches("[a-z][A-Za-z]+");
          softly.assertThat(op.path("summary").asText()).as(what).isNotBlank();
          softly.assertThat(op.path("tags").size()).as(what).isEqualTo(1);
          JsonNode responses = op.path("responses");
          softly
              .assertThat(responses.properties())
              .as(what)
              .anyMatch(r -> r.getKey().startsWith("2"));
          for (String status : List.of("401", "403", "503")) {
            softly.assertThat(responses.has(status)).as(what + " " + status).isTrue();
          }
          responses
              .properties()
              .forEach(
                  r -> {
                    if (!r.getKey().startsWith("2")) {
                      softly
                          .assertThat(r.getValue().path("content").has("application/problem+json"))
                          .as(what + " " + r.getKey())
                          .isTrue();
                    }
                  });
        });
    softly.assertAll();
  }

  @Test
  void everyRequestAndResponseHasAnExampleThatValidatesAgainstItsSchema() {
    SoftAssertions softly = new SoftAssertions();
    forEachOperation(
        (what, op) -> {
          checkContent(softly, what + " request", op.path("requestBody").path("content"));
          op.path("responses")
              .properties()
              .forEach(
                  r -> checkContent(softly, what + " " + r.getKey(), r.getValue().path("content")));
        });
    softly.assertAll();
  }

  @Test
  void theDocumentNamesNoServerAndNoJavaClass() {
    String text = doc.toString();

    assertThat(doc.path("servers")).hasSize(1);
    assertThat(doc.path("servers").get(0).path("url").asText()).isEqualTo("/");
    assertThat(text).doesNotContain("io.billhook", "java.", "localhost", "127.0.0.1");
    doc.path("components")
        .path("schemas")
        .fieldNames()
        .forEachRemaining(
            name ->
                assertThat(name)
                    .doesNotEndWith("View")
                    .doesNotEndWith("Body")
                    .doesNotEndWith("Request"));
    doc.path("tags")
        .forEach(tag -> assertThat(tag.path("name").asText()).doesNotContain("controller"));
    forEachOperation(
        (what, op) -> assertThat(op.path("tags").toString()).as(what).doesNotContain("controller"));
  }

  @Test
  void theBearerSchemeCoversEveryOperation() {
    assertThat(
            doc.path("components")
                .path("securitySchemes")
                .path(ApiDocs.BEARER)
                .path("scheme")
                .asText())
        .isEqualTo("bearer");
    assertThat(doc.path("security").toString()).contains(ApiDocs.BEARER);
  }

  private void checkContent(SoftAssertions softly, String what, JsonNode content) {
    content
        .properties()
        .forEach(
            media -> {
              JsonNode example = media.getValue().path("example");
              softly.assertThat(example.isMissingNode()).as(what + " has an example").isFalse();
              if (example.isMissingNode()) {
                return;
              }
              ObjectNode schema = media.getValue().path("schema").deepCopy();
              schema.set("components", doc.path("components"));
              List<Error> errors =
                  SCHEMAS
                      .getSchema(schema.toString())
                      .validate(example.toString(), InputFormat.JSON);
              softly.assertThat(errors).as(what + ": " + example).isEmpty();
            });
  }

  /** Each operation, named as its route is ("GET /v1/event-types"). */
  private void forEachOperation(java.util.function.BiConsumer<String, JsonNode> check) {
    doc.path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        op ->
                            check.accept(
                                op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                                op.getValue())));
  }
}
