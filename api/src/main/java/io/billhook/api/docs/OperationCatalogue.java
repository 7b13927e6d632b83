package io.billhook.api.docs;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * What the code cannot say about a route, from {@code openapi/operations.json}: its name, tag and
 * summary, an example of each request and response, the statuses it answers (a {@code
 * ResponseEntity} does not tell) and the conflict (409) it can refuse with, with what it says; and
 * the schemas of the bodies the controllers read or write as raw JSON (a reported event, the
 * webhook envelope). A route the catalogue does not know is left as generated, which the API docs
 * test refuses.
 */
final class OperationCatalogue {
  static final String JSON = "application/json";
  private static final String RESOURCE = "/openapi/operations.json";
  private static final String REF = "#/components/schemas/";

  private final JsonNode catalogue = load();

  void describe(OpenAPI api) {
    SchemaNames.rename(api);
    Map<String, Schema> schemas = api.getComponents().getSchemas();
    catalogue
        .path("schemas")
        .properties()
        .forEach(
            e -> schemas.put(e.getKey(), Json31.mapper().convertValue(e.getValue(), Schema.class)));
    SchemaNames.close(schemas);
    catalogue
        .path("jsonObjects")
        .properties()
        .forEach(
            e ->
                SchemaNames.jsonObjects(
                    schemas, e.getKey(), Json31.mapper().convertValue(e.getValue(), List.class)));
    catalogue
        .path("nullable")
        .properties()
        .forEach(
            e ->
                SchemaNames.nullable(
                    schemas, e.getKey(), Json31.mapper().convertValue(e.getValue(), List.class)));
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, op) -> {
                          JsonNode entry = catalogue.path("operations").path(method + " " + path);
                          if (!entry.isMissingNode()) {
                            describe(path, op, entry);
                          }
                        }));
  }

  private static void describe(String path, Operation op, JsonNode entry) {
    op.setOperationId(entry.path("operationId").asText());
    op.setSummary(entry.path("summary").asText());
    op.setTags(List.of(entry.path("tag").asText()));
    if (entry.has("requestSchema")) {
      op.setRequestBody(
          new RequestBody()
              .required(true)
              .content(json(new Schema<>().$ref(REF + entry.path("requestSchema").asText()))));
    }
    if (op.getRequestBody() != null) {
      MediaType body = asJson(op.getRequestBody().getContent());
      op.getRequestBody().setContent(new Content().addMediaType(JSON, body));
      if (entry.has("request")) {
        body.setExample(entry.path("request"));
      }
    }
    Schema generated = generatedSchema(op.getResponses());
    Schema shown =
        entry.has("responseSchema")
            ? new Schema<>().$ref(REF + entry.path("responseSchema").asText())
            : generated;
    ApiResponses responses = new ApiResponses();
    entry
        .path("responses")
        .properties()
        .forEach(
            e -> {
              int status = Integer.parseInt(e.getKey());
              ApiResponse response =
                  new ApiResponse().description(HttpStatus.valueOf(status).getReasonPhrase());
              if (!e.getValue().isNull()) {
                MediaType media = new MediaType().schema(shown);
                media.setExample(e.getValue());
                response.setContent(new Content().addMediaType(JSON, media));
              }
              responses.addApiResponse(e.getKey(), response);
            });
    List<Integer> conflicts = new ArrayList<>();
    entry.path("errors").forEach(status -> conflicts.add(status.asInt()));
    for (int status : ProblemResponses.of(op, conflicts)) {
      responses.addApiResponse(
          Integer.toString(status),
          ProblemResponses.response(
              status, path, op.getRequestBody() != null, entry.path("conflict").asText(null)));
    }
    op.setResponses(responses);
  }

  private static Schema generatedSchema(ApiResponses responses) {
    if (responses == null) {
      return null;
    }
    return responses.values().stream()
        .filter(r -> r.getContent() != null && !r.getContent().isEmpty())
        .map(r -> (Schema) asJson(r.getContent()).getSchema())
        .findFirst()
        .orElse(null);
  }

  /** The one media type Spring MVC reads and writes here, whatever springdoc assumed. */
  private static MediaType asJson(Content content) {
    if (content == null || content.isEmpty()) {
      return new MediaType();
    }
    return content.getOrDefault(JSON, content.values().iterator().next());
  }

  private static Content json(Schema schema) {
    return new Content().addMediaType(JSON, new MediaType().schema(schema));
  }

  private static JsonNode load() {
    try (InputStream in = OperationCatalogue.class.getResourceAsStream(RESOURCE)) {
      return Json31.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
