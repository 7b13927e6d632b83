package io.billhook.api.events;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import io.billhook.api.testing.EdgeMvc;
import io.billhook.api.testing.EdgeSlice;
import io.billhook.core.delivery.DeliveryLog;
import io.billhook.core.events.Envelope;
import io.billhook.core.events.EventIngestion;
import io.billhook.core.events.EventPublisher;
import io.billhook.core.events.EventQueries;
import io.billhook.core.events.EventStore;
import io.billhook.core.lifecycle.LifecycleIntake;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The event routes as their tests see them: the controller and the core's real {@link
 * EventIngestion} (parser included) and {@link EventQueries}, with the stores, delivery and the
 * lifecycle mocked.
 */
@EdgeSlice(EventController.class)
@Import({EventIngestion.class, EventQueries.class})
abstract class EventSlice {
  static final String EVENTS = "/v1/vendors/v1/events";

  @Autowired EdgeMvc api;
  @MockitoBean EventStore events;
  @MockitoBean EventPublisher publisher;
  @MockitoBean LifecycleIntake lifecycle;
  @MockitoBean DeliveryLog log;

  /** A refused report reached neither delivery nor the lifecycle: nothing stored, nothing sent. */
  void assertNothingPublished() {
    verifyNoInteractions(publisher, lifecycle);
  }

  /** Delivery takes every new event and answers with the envelope it was given. */
  void publishingAcceptsEverything() {
    when(publisher.publish(anyString(), any(Envelope.class), any(JsonNode.class)))
        .thenAnswer(call -> new EventPublisher.Published(call.getArgument(1), true));
  }
}
