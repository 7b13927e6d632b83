package io.billhook.core.endpoints;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billhook.core.chat.ChatMessages;
import io.billhook.core.chat.ChatSettings;
import io.billhook.core.events.Envelope;
import io.billhook.core.events.EventPublisher;
import io.billhook.core.ids.RandomIds;
import io.billhook.core.refusals.Refusal;
import io.billhook.workflows.events.EventType;
import io.temporal.client.WorkflowServiceException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Endpoint configuration: validated, then stored; bad input changes nothing. */
@Service
public class EndpointService {

  private final EndpointStore store;
  private final UrlPolicy urls;

  private final EventPublisher publisher;

  EndpointService(EndpointStore store, UrlPolicy urls, EventPublisher publisher) {
    this.store = store;
    this.urls = urls;
    this.publisher = publisher;
  }

  public Endpoint create(String vendorId, EndpointFields request) {
    if (request.url() == null) {
      throw Refusal.invalid("url is required");
    }
    ChatSettings chat = chat(ChatSettings.DEFAULT, request, request.url(), request.headers());
    Endpoint endpoint =
        Endpoint.newBuilder(now())
            .setId(RandomIds.newId("ep_"))
            .setVendorId(vendorId)
            .setUrl(urls.check(request.url()).toString())
            .setEvents(EndpointRules.events(request.events()))
            .setDescription(EndpointRules.description(request.description()))
            .setHeaders(EndpointHeaders.check(request.headers()))
            .setEnabled(request.enabled() == null || request.enabled())
            .setSecret(RandomIds.newSecret())
            .setFormat(chat.format())
            .setChatId(chat.chatId())
            .setTemplate(chat.template())
            .build();
    store.insert(endpoint);
    return endpoint;
  }

  public List<Endpoint> list(String vendorId) {
    return store.list(vendorId);
  }

  public Endpoint get(String vendorId, String id) {
    return store.find(vendorId, id).orElseThrow(() -> noSuchEndpoint(vendorId, id));
  }

  /** Changes the fields the request sets; the others keep their values. */
  public Endpoint update(String vendorId, String id, EndpointFields request) {
    Endpoint current = get(vendorId, id);
    ChatSettings chat =
        chat(
            current.chatSettings(),
            request,
            request.url() != null ? request.url() : current.url(),
            request.headers() != null ? request.headers() : current.headers());
    EndpointBuilder updated =
        current.toBuilder()
            .setUpdatedAt(now())
            .setFormat(chat.format())
            .setChatId(chat.chatId())
            .setTemplate(chat.template());
    if (request.url() != null) {
      updated.setUrl(urls.check(request.url()).toString());
    }
    if (request.events() != null) {
      updated.setEvents(EndpointRules.events(request.events()));
    }
    if (request.description() != null) {
      updated.setDescription(EndpointRules.description(request.description()));
    }
    if (request.headers() != null) {
      updated.setHeaders(EndpointHeaders.check(request.headers()));
    }
    if (request.enabled() != null) {
      updated.setEnabled(request.enabled()).setDisabledReason("disabled by request");
    }
    Endpoint endpoint = updated.build();
    store.update(endpoint);
    return endpoint;
  }

  public void delete(String vendorId, String id) {
    if (!store.delete(vendorId, id)) {
      throw noSuchEndpoint(vendorId, id);
    }
  }

  /**
   * A new secret; the one it replaces keeps signing for {@code overlap} (default 24 h), and every
   * secret rotated out before keeps its own expiry.
   */
  public Endpoint rotateSecret(String vendorId, String id, String requestedOverlap) {
    Duration overlap = EndpointRules.overlap(requestedOverlap);
    Instant now = now();
    if (!store.rotateSecret(vendorId, id, RandomIds.newSecret(), now, now.plus(overlap))) {
      throw noSuchEndpoint(vendorId, id);
    }
    return get(vendorId, id);
  }

  /** Sends a {@code webhook.test} event to this endpoint only; refused while it is disabled. */
  public Envelope sendTest(String vendorId, String id) {
    Endpoint endpoint = get(vendorId, id);
    if (!endpoint.enabled()) {
      throw new Refusal(
          Refusal.Kind.CONFLICT, "endpoint " + id + " is disabled; enable it to test it");
    }
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("endpointId", id);
    data.put("message", "This is a test event from Billhook.");
    Envelope envelope =
        Envelope.of(
            RandomIds.newId("evt_"), EventType.WEBHOOK_TEST.wireName(), Instant.now(), data);
    try {
      return publisher.publishTo(vendorId, envelope, List.of(endpoint)).envelope();
    } catch (WorkflowServiceException e) {
      throw Refusal.temporalUnavailable(e);
    }
  }

  /** The request's format, chat id and template, checked against the resulting url and headers. */
  private ChatSettings chat(
      ChatSettings current, EndpointFields request, String url, Map<String, String> headers) {
    return current.apply(
        request.chat(), url, headers, urls.isAllowed(InetAddress.getLoopbackAddress()));
  }

  /**
   * What the test action answers: the envelope sent, with the chat message it became under {@code
   * message} when the endpoint is a chat destination.
   */
  public String testAnswer(String vendorId, String id, Envelope sent) {
    Endpoint endpoint = get(vendorId, id);
    return endpoint.format().isChat()
        ? ChatMessages.preview(endpoint.chatSettings(), sent.body())
        : sent.body();
  }

  private static Refusal noSuchEndpoint(String vendorId, String id) {
    return Refusal.notFound("no endpoint " + id + " for vendor " + vendorId);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
