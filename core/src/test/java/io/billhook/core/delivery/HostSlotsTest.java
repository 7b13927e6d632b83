package io.billhook.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HostSlotsTest {
  private final HostSlots slots = new HostSlots(3);

  @Test
  void aThousandEndpointsOnOneHostShareItsSlots() {
    List<Optional<HostSlots.Slot>> taken =
        IntStream.range(0, 1000)
            .mapToObj(i -> slots.tryTake("https://hooks.example.com/vendor/" + i + "?t=" + i))
            .toList();

    assertThat(taken.stream().filter(Optional::isPresent)).hasSize(3);
    assertThat(slots.tryTake("https://HOOKS.Example.com./other")).isEmpty();
    assertThat(slots.tryTake("https://hooks.example.com:443/spelled-out")).isEmpty();
    assertThat(slots.tryTake("https://hooks.example.com:8443/another-server")).isPresent();
    assertThat(slots.tryTake("https://other.example.com/")).isPresent();
  }

  @Test
  void aSlotGivenBackTwiceFreesOneSlotOnly() {
    List<HostSlots.Slot> held = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      held.add(slots.tryTake("http://127.0.0.1:9000/" + i).orElseThrow());
    }
    held.get(0).close();
    held.get(0).close();

    assertThat(slots.inFlight("http://127.0.0.1:9000/")).isEqualTo(2);
    assertThat(slots.tryTake("http://127.0.0.1:9000/x")).isPresent();
    assertThat(slots.tryTake("http://127.0.0.1:9000/y")).isEmpty();
  }

  @Test
  void aHostWithNothingInFlightIsForgotten() {
    slots.tryTake("http://127.0.0.1:9000/").orElseThrow().close();

    assertThat(slots.inFlight("http://127.0.0.1:9000/")).isZero();
    assertThat(slots.tryTake("not a url")).isPresent();
  }

  @Test
  void refusesALimitBelowOne() {
    assertThatThrownBy(() -> new HostSlots(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
