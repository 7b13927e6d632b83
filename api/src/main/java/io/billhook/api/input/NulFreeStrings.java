package io.billhook.api.input;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/**
 * Jackson's string reader, refusing U+0000: PostgreSQL cannot store it in text, so a request that
 * holds one is refused before it reaches a store.
 */
final class NulFreeStrings extends StringDeserializer {
  private static final long serialVersionUID = 1L;

  @Override
  public String deserialize(JsonParser parser, DeserializationContext context) {
    String value = super.deserialize(parser, context);
    if (value != null && value.indexOf('\0') >= 0) {
      throw new NulCharacterException(parser);
    }
    return value;
  }
}
