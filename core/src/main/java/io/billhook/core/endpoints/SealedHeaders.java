package io.billhook.core.endpoints;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billhook.core.secrets.StoredData;
import java.util.Map;

/**
 * An endpoint's custom headers as the {@code headers} JSONB column holds them: a JSON string, the
 * object encrypted and bound to its endpoint, so values such as a receiver's token are not in
 * clear. An object (written before encryption at rest, or no headers) reads as it is.
 */
final class SealedHeaders {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

  /** The column of an endpoint without headers, as PostgreSQL writes the jsonb out. */
  private static final String NONE = "{}";

  private final StoredData data;

  SealedHeaders(StoredData data) {
    this.data = data;
  }

  /** The column's JSON for {@code headers} of the endpoint. */
  String toColumn(Map<String, String> headers, String vendorId, String endpointId) {
    try {
      String plain = JSON.writeValueAsString(headers);
      return headers.isEmpty()
          ? plain
          : JSON.writeValueAsString(data.seal(plain, binding(vendorId, endpointId)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The headers the column's JSON holds.
   *
   * @throws io.billhook.core.refusals.Refusal (a conflict) if they cannot be decrypted
   */
  Map<String, String> fromColumn(String json, String vendorId, String endpointId) {
    if (NONE.equals(json)) {
      return Map.of(); // the common case, read at every attempt: nothing to parse
    }
    try {
      JsonNode node = JSON.readTree(json);
      String plain =
          node.isTextual()
              ? data.openOrRefuse(
                  node.textValue(),
                  "the headers of endpoint " + endpointId,
                  binding(vendorId, endpointId))
              : json;
      return JSON.readValue(plain, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String[] binding(String vendorId, String endpointId) {
    return new String[] {"endpoints.headers", vendorId, endpointId};
  }
}
