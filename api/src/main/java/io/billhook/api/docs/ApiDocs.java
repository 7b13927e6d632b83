package io.billhook.api.docs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3.1 document at {@code /v3/api-docs} and Swagger UI at {@code /swagger-ui.html}:
 * routes, parameters and schemas come from the controllers; summaries, examples and errors from
 * {@link OperationCatalogue}. Public, like the published references of other webhook services: it
 * describes the API and holds no secret, no server address (the one server is {@code /}, the host
 * the reader is on) and no Java class name.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocs {
  /** The paths that serve the document and Swagger UI (its assets come from the jar). */
  public static final String[] PUBLIC = {
    "/v3/api-docs",
    "/v3/api-docs.yaml",
    "/v3/api-docs/swagger-config",
    "/swagger-ui.html",
    "/swagger-ui/**"
  };

  static final String BEARER = "bearer";

  @Bean
  OpenAPI billhookApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Billhook API")
                .version("1")
                .description(
                    "Report billing events; Billhook delivers them as signed webhooks to every"
                        + " endpoint the vendor configured, and runs trials and subscriptions."
                        + " Every request carries a bearer token: the admin token reaches every"
                        + " route, a vendor's API key (bhk_...) its own vendor's routes (not its"
                        + " keys) and the event-type catalogue. Every error is"
                        + " application/problem+json."))
        .servers(List.of(new Server().url("/")))
        .components(
            new Components()
                .addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description(
                            "The admin token (BILLHOOK_API_TOKEN) or a vendor's API key"
                                + " (bhk_...), as Authorization: Bearer <token>")))
        .addSecurityItem(new SecurityRequirement().addList(BEARER));
  }

  @Bean
  OpenApiCustomizer operationCatalogue() {
    return new OperationCatalogue()::describe;
  }
}
