package io.billhook.api.problems;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException.Reference;
import tools.jackson.databind.exc.MismatchedInputException;

/** What a field of a request body must be, in JSON terms ("an array of strings"). */
final class FieldTypes {
  private FieldTypes() {}

  /** Follows the path through the declared types of the request record; else the parser's. */
  static String expected(List<Reference> path, MismatchedInputException e) {
    Type type = null;
    for (Reference ref : path) {
      if (ref.from() instanceof Class<?> owner && ref.getPropertyName() != null) {
        type = declared(owner, ref.getPropertyName());
      } else if (ref.getPropertyName() != null) {
        type = argument(type, Map.class, 1);
      } else {
        type = argument(type, Collection.class, 0);
      }
    }
    return describe(type != null ? type : e.getTargetType());
  }

  private static Type declared(Class<?> owner, String name) {
    RecordComponent[] components = owner.getRecordComponents();
    return components == null
        ? null
        : Arrays.stream(components)
            .filter(c -> c.getName().equals(name))
            .findFirst()
            .map(RecordComponent::getGenericType)
            .orElse(null);
  }

  private static Type argument(Type type, Class<?> container, int index) {
    return type instanceof ParameterizedType p
            && p.getRawType() instanceof Class<?> raw
            && container.isAssignableFrom(raw)
        ? p.getActualTypeArguments()[index]
        : null;
  }

  private static String describe(Type type) {
    Type element = argument(type, Collection.class, 0);
    Type value = argument(type, Map.class, 1);
    Class<?> raw =
        type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c
            ? c
            : type instanceof Class<?> c ? c : Object.class;
    if (element != null) {
      return "an array of " + plural(element);
    } else if (value != null) {
      return "an object whose values are " + plural(value);
    } else if (raw == String.class) {
      return "a string";
    } else if (raw == Boolean.class || raw == boolean.class) {
      return "true or false";
    } else if (Number.class.isAssignableFrom(raw) || raw.isPrimitive()) {
      return "a number";
    } else if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
      return "an array";
    }
    return "a JSON object";
  }

  private static String plural(Type type) {
    return switch (describe(type)) {
      case "a string" -> "strings";
      case "true or false" -> "true or false";
      case "a number" -> "numbers";
      default -> "JSON values";
    };
  }
}
