package io.billhook.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
  private final List<Integer> asked = new ArrayList<>();

  /** Keys 1..count, listed after a key, at most size of them. */
  private List<Integer> listing(int count, Integer after, int size) {
    asked.add(after);
    return IntStream.rangeClosed(after + 1, count).limit(size).boxed().toList();
  }

  @Test
  void everyItemIsTriedOnceAcrossPagesAndOnlyRepairedOnesCount() {
    List<Integer> tried = new ArrayList<>();
    int repaired =
        Reconciler.repairEach(
            3,
            (after, size) -> listing(7, after, size),
            0,
            key -> {
              tried.add(key);
              return key % 2 == 0;
            });
    assertThat(tried).containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(repaired).isEqualTo(3);
    assertThat(asked).containsExactly(0, 3, 6);
  }

  @Test
  void aFullLastPageIsFollowedByOneEmptyLook() {
    int repaired = Reconciler.repairEach(3, (after, size) -> listing(6, after, size), 0, k -> true);
    assertThat(repaired).isEqualTo(6);
    assertThat(asked).containsExactly(0, 3, 6);
  }
}
