package io.billhook.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An answer whose body is read as JSON, and as a problem's detail. */
public interface JsonBody {
  ObjectMapper JSON = new ObjectMapper();

  String body();

  default JsonNode json() {
    try {
      return JSON.readTree(body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + body(), e);
    }
  }

  default String detail() {
    return json().path("detail").asText();
  }
}
