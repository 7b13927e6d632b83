package io.billhook.api.problems;

import io.billhook.api.input.NulCharacterException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JacksonException.Reference;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Says why a request body could not be bound, in the caller's terms: which field, what it must be,
 * where the JSON breaks. Never the parser's class or type names.
 */
final class JsonProblems {
  private static final Pattern DUPLICATE = Pattern.compile("Duplicate Object property \"(.*)\"");

  private JsonProblems() {}

  static String describe(JacksonException e) {
    String field = field(e.getPath());
    if (e instanceof NulCharacterException) {
      return "field '"
          + field
          + "' contains a NUL character (\\u0000), which cannot be stored;"
          + " remove it";
    } else if (e instanceof UnrecognizedPropertyException unknown) {
      return "unknown field '" + field + "'" + allowed(unknown);
    } else if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
      return "unexpected content after the JSON value" + where(e) + "; send exactly one JSON value";
    } else if (e instanceof MismatchedInputException mismatch) {
      return field.isEmpty()
          ? "request body must be a JSON object"
          : "field '" + field + "' must be " + FieldTypes.expected(e.getPath(), mismatch);
    }
    Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
    if (e instanceof StreamReadException && duplicate.lookingAt()) {
      String name = (field.isEmpty() ? "" : field + ".") + duplicate.group(1);
      return "duplicate field '" + name + "'" + where(e) + "; send each field once";
    }
    return notJson(e);
  }

  /**
   * Malformed JSON, or JSON beyond the parser's limits (nesting, number or key length), told from
   * the kind of failure and where it happened: never the parser's own words.
   */
  private static String notJson(JacksonException e) {
    if (e instanceof StreamConstraintsException) {
      StreamReadConstraints limits = StreamReadConstraints.defaults();
      return "request body is beyond what Billhook reads (numbers up to "
          + limits.getMaxNumberLength()
          + " characters, keys up to "
          + limits.getMaxNameLength()
          + ", nesting up to "
          + limits.getMaxNestingDepth()
          + " levels); send a smaller document";
    }
    return "request body is not valid JSON"
        + where(e)
        + (e instanceof UnexpectedEndOfInputException
            ? ": the text ends before the JSON value is complete"
            : "")
        + "; send valid JSON";
  }

  private static String where(JacksonException e) {
    TokenStreamLocation at = e.getLocation();
    return at == null || at.getLineNr() < 1
        ? ""
        : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  private static String allowed(UnrecognizedPropertyException e) {
    List<String> known =
        e.getKnownPropertyIds() == null
            ? List.of()
            : e.getKnownPropertyIds().stream().map(Objects::toString).sorted().toList();
    return known.isEmpty()
        ? "; this request takes no fields (send no body, or {})"
        : "; the fields are " + String.join(", ", known);
  }

  /** The path as a caller writes it: {@code events[0]}, {@code headers.X-Tenant}. */
  static String field(List<Reference> path) {
    StringBuilder out = new StringBuilder();
    for (Reference ref : path) {
      if (ref.getPropertyName() != null) {
        out.append(out.isEmpty() ? "" : ".").append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.toString();
  }
}
