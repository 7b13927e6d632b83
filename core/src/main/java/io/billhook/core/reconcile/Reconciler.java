package io.billhook.core.reconcile;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/** Makes Temporal agree with PostgreSQL, the record, for one kind of work. */
public interface Reconciler {
  /** A short name for logs and metrics, such as "deliveries". */
  String name();

  /** Drives again whatever Temporal does not know; returns how many items it repaired. */
  int reconcile();

  /**
   * Walks a listing in key order, {@code pageSize} items at a time ({@code page} lists those after
   * a key, starting after {@code first}), and repairs each item; returns how many it repaired.
   */
  static <K> int repairEach(
      int pageSize, BiFunction<K, Integer, List<K>> page, K first, Predicate<K> repair) {
    int repaired = 0;
    K after = first;
    while (true) {
      List<K> items = page.apply(after, pageSize);
      for (K item : items) {
        repaired += repair.test(item) ? 1 : 0;
      }
      if (items.size() < pageSize) {
        return repaired;
      }
      after = items.get(items.size() - 1);
    }
  }
}
