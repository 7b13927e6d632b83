package io.billhook.workflows.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EventTypeTest {
  @Test
  void aReportThatDrivesAnEntityIsReportedAndMustNameItsEntity() {
    for (EventType type : EventType.values()) {
      type.drives()
          .ifPresent(
              entity -> {
                assertThat(type.origin()).as(type.wireName()).isEqualTo(EventType.Origin.REPORTED);
                assertThat(type.data())
                    .as(type.wireName())
                    .contains(new DataField(entity.idField(), DataField.Kind.ID, true));
              });
    }
  }

  @Test
  void eachEntityIsCreatedByOneReportAndEndedByOneTimedEvent() {
    for (EventType.Entity entity : EventType.Entity.values()) {
      assertThat(Arrays.stream(EventType.values()).filter(EventType::creates))
          .filteredOn(t -> t.drives().orElseThrow() == entity)
          .containsExactly(entity.creation());
      assertThat(entity.end().origin()).isEqualTo(EventType.Origin.TIMED);
    }
  }

  @Test
  void typesOutsideTheLifecycleDriveNothingAndReadNoData() {
    assertThat(EventType.PAYMENT_RECEIVED.drives()).isEmpty();
    assertThat(EventType.PAYMENT_RECEIVED.data()).isEmpty();
    assertThat(EventType.SUBSCRIPTION_EXPIRED.drives()).isEmpty();
  }

  @Test
  void requiredFieldsComeBeforeOptionalOnes() {
    for (EventType type : EventType.values()) {
      boolean optionalSeen = false;
      for (DataField field : type.data()) {
        assertThat(field.required() && optionalSeen).as(type + " " + field.name()).isFalse();
        optionalSeen |= !field.required();
      }
    }
  }
}
