package io.billhook.api.docs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The schemas as a reader of the API knows them: named for what they are ({@code Endpoint}, not the
 * Java record {@code EndpointView}), closed (a request with an unknown field is refused, and no
 * answer has fields its schema does not name), and nullable where the JSON carries {@code null}.
 */
final class SchemaNames {
  private static final String REF = "#/components/schemas/";
  private static final Map<String, String> NAMED =
      Map.ofEntries(
          Map.entry("SettingsBody", "Settings"),
          Map.entry("EndpointFields", "EndpointInput"),
          Map.entry("KeyRequest", "ApiKeyInput"),
          Map.entry("NoFields", "Empty"),
          Map.entry("RotationRequest", "SecretRotation"),
          Map.entry("ResendRequest", "ResendInput"),
          Map.entry("RecoverRequest", "RecoverInput"),
          Map.entry("RecoverView", "Recovery"),
          Map.entry("Skipped", "RecoverySkipped"),
          Map.entry("Deliveries", "DeliveryCounts"),
          Map.entry("Attempts", "AttemptCounts"),
          Map.entry("Caller", "ConsoleCaller"));

  private SchemaNames() {}

  /** {@code EndpointView} -> {@code Endpoint}, {@code PageEventView} -> {@code EventPage}. */
  static String publicName(String javaName) {
    String name = NAMED.getOrDefault(javaName, javaName);
    if (name.endsWith("View")) {
      name = name.substring(0, name.length() - "View".length());
    }
    if (name.startsWith("Page") && name.length() > "Page".length()) {
      name = name.substring("Page".length()) + "Page";
    }
    return name;
  }

  /** Renames every component schema and every reference to it. */
  static void rename(OpenAPI api) {
    Map<String, Schema> renamed = new LinkedHashMap<>();
    api.getComponents()
        .getSchemas()
        .forEach((name, schema) -> renamed.put(publicName(name), schema));
    api.getComponents().setSchemas(renamed);
    List<Schema> all = new ArrayList<>(renamed.values());
    api.getPaths()
        .values()
        .forEach(
            path ->
                path.readOperations()
                    .forEach(
                        op -> {
                          if (op.getRequestBody() != null) {
                            all.addAll(schemasOf(op.getRequestBody().getContent()));
                          }
                          if (op.getResponses() != null) {
                            op.getResponses()
                                .values()
                                .forEach(r -> all.addAll(schemasOf(r.getContent())));
                          }
                          if (op.getParameters() != null) {
                            op.getParameters().forEach(p -> all.add(p.getSchema()));
                          }
                        }));
    all.stream().filter(Objects::nonNull).forEach(SchemaNames::renameReferences);
  }

  /** Objects that name their properties admit no others; {@code Empty} admits none at all. */
  static void close(Map<String, Schema> schemas) {
    schemas.forEach(
        (name, schema) -> {
          boolean named = schema.getProperties() != null && !schema.getProperties().isEmpty();
          if ((named || name.equals("Empty")) && schema.getAdditionalProperties() == null) {
            schema.addType("object");
            schema.setAdditionalProperties(false);
          }
        });
  }

  /** The listed properties are JSON objects the API passes on as sent (a string in Java). */
  static void jsonObjects(Map<String, Schema> schemas, String schemaName, List<String> properties) {
    Schema schema = schemas.get(schemaName);
    if (schema != null) {
      properties.forEach(
          p -> schema.getProperties().put(p, new Schema<>().types(Set.of("object"))));
    }
  }

  /** The listed properties may be {@code null}: their schema admits it besides its own type. */
  static void nullable(Map<String, Schema> schemas, String schemaName, List<String> properties) {
    Schema schema = schemas.get(schemaName);
    if (schema == null) {
      return;
    }
    for (String property : properties) {
      Schema field = (Schema) schema.getProperties().get(property);
      if (field != null) {
        field.setTypes(
            new LinkedHashSet<>(Stream.concat(types(field), Stream.of("null")).toList()));
      }
    }
  }

  private static Stream<String> types(Schema field) {
    if (field.getTypes() != null) {
      return field.getTypes().stream();
    }
    return field.getType() == null ? Stream.empty() : Stream.of(field.getType());
  }

  private static List<Schema> schemasOf(Content content) {
    if (content == null) {
      return List.of();
    }
    return content.values().stream().map(m -> (Schema) m.getSchema()).toList();
  }

  private static void renameReferences(Schema schema) {
    if (schema.get$ref() != null && schema.get$ref().startsWith(REF)) {
      schema.set$ref(REF + publicName(schema.get$ref().substring(REF.length())));
    }
    List<Schema> nested = new ArrayList<>();
    if (schema.getProperties() != null) {
      nested.addAll(schema.getProperties().values());
    }
    if (schema.getItems() != null) {
      nested.add(schema.getItems());
    }
    if (schema.getAdditionalProperties() instanceof Schema more) {
      nested.add(more);
    }
    Stream.of(schema.getAllOf(), schema.getOneOf(), schema.getAnyOf())
        .filter(Objects::nonNull)
        .forEach(nested::addAll);
    nested.stream().filter(Objects::nonNull).forEach(SchemaNames::renameReferences);
  }
}
