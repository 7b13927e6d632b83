package io.billhook.api;

import io.billhook.core.refusals.Refusal;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** A page of a list, newest first; pass {@code nextCursor} back as {@code cursor} for more. */
public record Page<T>(List<T> data, String nextCursor) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  /**
   * The rows as shown; a full page ({@code limit} rows) may have more after it, so it names the
   * position of its last row as the next cursor.
   */
  public static <R, T> Page<T> of(
      List<R> rows, int limit, ToLongFunction<R> position, Function<R, T> shown) {
    String next =
        rows.size() < limit ? null : Long.toString(position.applyAsLong(rows.get(rows.size() - 1)));
    return new Page<>(rows.stream().map(shown).toList(), next);
  }

  public static int limit(Integer requested) {
    if (requested == null) {
      return DEFAULT_LIMIT;
    }
    if (requested < 1 || requested > MAX_LIMIT) {
      throw Refusal.invalid("limit must be between 1 and " + MAX_LIMIT);
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
      throw Refusal.invalid("cursor must be a nextCursor value from a previous page");
    }
  }
}
