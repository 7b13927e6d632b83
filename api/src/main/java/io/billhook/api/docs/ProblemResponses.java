package io.billhook.api.docs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;

/**
 * The errors a route can answer, each as {@code application/problem+json} with an example: every
 * route needs a credential (401) that may act there (403) and may find the database or Temporal
 * unavailable (503, Retry-After); input it takes can be refused (400), with a body also for its
 * size (413) and media type (415); what a path names can be missing (404).
 */
final class ProblemResponses {
  static final String PROBLEM = "application/problem+json";
  private static final Map<Integer, String> DETAIL =
      Map.of(
          400, "vendorId must be 1 to 64 letters, digits, '_' or '-' (got 'acme!')",
          401, "send the admin token or a vendor API key as Authorization: Bearer <token>",
          403, "this credential may not act on this route",
          413, "the request body is larger than the API accepts",
          415, "send the request body as JSON (Content-Type: application/json)",
          503, "Temporal is unavailable; retry in a few seconds");

  private ProblemResponses() {}

  /** The problem statuses of this operation, {@code extra} (from the catalogue) included. */
  static Set<Integer> of(Operation op, Iterable<Integer> extra) {
    Set<Integer> statuses = new TreeSet<>(Set.of(401, 403, 503));
    boolean body = op.getRequestBody() != null;
    if (body) {
      statuses.addAll(Set.of(400, 413, 415));
    }
    if (op.getParameters() != null) {
      for (Parameter p : op.getParameters()) {
        statuses.add("path".equals(p.getIn()) && !p.getName().equals("vendorId") ? 404 : 400);
      }
    }
    extra.forEach(statuses::add);
    return statuses;
  }

  /** The problem for {@code status}; {@code conflict} is what this route's 409 says. */
  static ApiResponse response(int status, String path, boolean body, String conflict) {
    HttpStatus http = HttpStatus.valueOf(status);
    String detail = DETAIL.getOrDefault(status, http.getReasonPhrase());
    if (status == 409 && conflict != null) {
      detail = conflict;
    } else if (status == 400 && body) {
      detail = "the request body is not valid JSON; send a JSON object";
    } else if (status == 404) {
      detail = "no such " + path.replaceAll(".*\\{(\\w+?)(Id)?}.*", "$1");
    }
    ObjectNode example = Json31.mapper().createObjectNode();
    example.put("type", "about:blank");
    example.put("title", http.getReasonPhrase());
    example.put("status", status);
    example.put("detail", detail);
    example.put("instance", path.replace("{vendorId}", "acme"));
    ApiResponse response =
        new ApiResponse()
            .description(http.getReasonPhrase())
            .content(
                new Content()
                    .addMediaType(
                        PROBLEM,
                        new MediaType()
                            .schema(new Schema<>().$ref("#/components/schemas/Problem"))
                            .example(example)));
    if (status == 503) {
      response.addHeaderObject(
          "Retry-After",
          new Header()
              .description("Seconds to wait before sending the request again")
              .schema(new Schema<>().types(Set.of("integer"))));
    }
    if (status == 401) {
      response.addHeaderObject(
          "WWW-Authenticate",
          new Header().description("Bearer").schema(new Schema<>().types(Set.of("string"))));
    }
    return response;
  }
}
