package io.billhook.api.input;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/** A string in a request body holds U+0000; the exception's path names the field. */
public final class NulCharacterException extends MismatchedInputException {
  private static final long serialVersionUID = 1L;

  NulCharacterException(JsonParser parser) {
    super(parser, "string contains U+0000", String.class);
  }
}
