package io.billhook.core.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billhook.core.refusals.Refusal;
import io.billhook.workflows.events.EventType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which events and descriptions an endpoint may have, and what the caller is told otherwise. */
class EndpointRulesTest {

  @Test
  void typesFromTheCatalogueAreKeptInTheOrderSent() {
    assertThat(EndpointRules.events(List.of("trial.expired", "payment.received")))
        .containsExactly("trial.expired", "payment.received");
    assertThat(EndpointRules.events(List.of("*"))).containsExactly("*");
  }

  @Test
  void everyTypeOfTheCatalogueMayBeListed() {
    List<String> all = Arrays.stream(EventType.values()).map(EventType::wireName).toList();
    assertThat(EndpointRules.events(all)).hasSize(EventType.values().length);
  }

  @Test
  void noEventsIsRefused() {
    assertRefused(null, "events must be a non-empty array of event types, or [\"*\"] for all");
    assertRefused(List.of(), "events must be a non-empty array of event types");
  }

  @Test
  void aTypeListedTwiceIsRefused() {
    assertRefused(
        List.of("payment.received", "payment.failed", "payment.received"),
        "events lists 'payment.received' more than once");
  }

  @Test
  void theWildcardMixedWithTypesIsRefused() {
    assertRefused(
        List.of("*", "payment.received"),
        "events: \"*\" already means every type; send [\"*\"] alone, or list the types");
  }

  @Test
  void unknownTypesAreNamedShortened() {
    assertRefused(
        List.of("payment.lost", "x".repeat(10_000)),
        "unknown event types [payment.lost, " + "x".repeat(64) + "...]; see GET /v1/event-types");
  }

  @Test
  void aNullTypeIsRefused() {
    List<String> events = new ArrayList<>();
    events.add(null);
    assertRefused(events, "events must hold event type names, not null");
  }

  @Test
  void moreTypesThanTheCatalogueHoldsIsRefused() {
    List<String> events = new ArrayList<>();
    for (int i = 0; i <= EventType.values().length; i++) {
      events.add("payment.received" + i);
    }
    assertRefused(
        events,
        "events may list at most "
            + EventType.values().length
            + " types, each once;"
            + " use [\"*\"] for all");
  }

  @Test
  void aDescriptionMayHold500Characters() {
    String emoji = "\ud83d\udce1";
    assertThat(EndpointRules.description(emoji.repeat(500))).hasSize(1000);
    assertThat(EndpointRules.description(null)).isNull();
    assertThatThrownBy(() -> EndpointRules.description("d".repeat(501)))
        .isInstanceOf(Refusal.class)
        .hasMessage("description must be at most 500 characters");
  }

  @Test
  void aDescriptionIsTextWithLineBreaksButNoOtherControlCharacters() {
    assertThat(EndpointRules.description("CRM\r\n\tproduction")).isEqualTo("CRM\r\n\tproduction");
    for (String bad : new String[] {"a\u0000b", "a\u0007b", "a\u007fb", "a\u0085b"}) {
      assertThatThrownBy(() -> EndpointRules.description(bad))
          .isInstanceOf(Refusal.class)
          .hasMessage(
              "description must be text: no control characters (such as NUL) besides line"
                  + " breaks and tabs");
    }
  }

  private static void assertRefused(List<String> events, String message) {
    assertThatThrownBy(() -> EndpointRules.events(events))
        .isInstanceOf(Refusal.class)
        .hasMessageStartingWith(message);
  }
}
