package io.billhook.api;

import io.billhook.api.problems.ApiException;
import java.util.List;

/** A page of a list, newest first; pass {@code nextCursor} back as {@code cursor} for more. */
public record Page<T>(List<T> data, String nextCursor) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  public static int limit(Integer requested) {
    if (requested == null) {
      return DEFAULT_LIMIT;
    }
    if (requested < 1 || requested > MAX_LIMIT) {
      throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT);
    }
    return requested;
  }

  public static Long cursor(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(cursor);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("cursor must be a nextCursor value from a previous page");
    }
  }
}
