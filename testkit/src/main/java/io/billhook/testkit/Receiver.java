package io.billhook.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.billhook.core.embedded.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A webhook receiver on loopback that answers with a status the caller sets (200 by default; 503 or
 * 410 to make deliveries fail, optionally with Retry-After). It records every request it gets, or,
 * when started {@link #forwarding}, hands each to a listener and keeps nothing (for load).
 */
public final class Receiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as it arrived, and what the receiver answered. */
  public record Delivery(
      String path,
      String eventId,
      String type,
      byte[] bytes,
      Map<String, List<String>> headers,
      Instant arrivedAt,
      long arrivedNanos,
      int answered) {

    public String body() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    public boolean accepted() {
      return answered / 100 == 2;
    }
  }

  /** Decides the answer to a request (its path and body): status and body. */
  public interface Answers {
    Answer to(String path, byte[] body);
  }

  /** A status and the body sent with it. */
  public record Answer(int status, byte[] body) {}

  /** Called on a receiver thread for each request, before it is answered. */
  public interface Listener {
    void delivered(Delivery delivery);
  }

  private final int port;
  private final boolean recording;
  private final List<Delivery> received = new CopyOnWriteArrayList<>();
  private volatile Listener listener = delivery -> {};
  private volatile int status = 200;
  private volatile String retryAfter;
  private volatile Answers answers;
  private HttpServer server;
  private ExecutorService threads;

  private Receiver(int port, boolean recording) {
    this.port = port;
    this.recording = recording;
  }

  /** Listening on a free port, recording every request. */
  public static Receiver start() {
    Receiver receiver = down();
    receiver.listen();
    return receiver;
  }

  /** Listening on a free port, handing each request to the listener, recording none. */
  public static Receiver forwarding(Listener listener) {
    Receiver receiver = new Receiver(Ports.free(), false);
    receiver.forwardTo(listener);
    receiver.listen();
    return receiver;
  }

  /** A receiver that is not listening yet: deliveries to its URL get "connection refused". */
  public static Receiver down() {
    return new Receiver(Ports.free(), true);
  }

  public void listen() {
    try {
      server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    threads = Executors.newFixedThreadPool(8);
    server.setExecutor(threads);
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  public void answer(int status) {
    answer(status, null);
  }

  public void answer(int status, String retryAfter) {
    this.status = status;
    this.retryAfter = retryAfter;
  }

  /** Answers each request as {@code answers} decides, in place of the status set last. */
  public void answerWith(Answers answers) {
    this.answers = answers;
  }

  public void forwardTo(Listener next) {
    listener = next;
  }

  private void handle(HttpExchange exchange) throws IOException {
    long nanos = System.nanoTime();
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      Answers decide = answers;
      Answer decided = decide == null ? null : decide.to(path, body);
      int answer = decided == null ? status : decided.status();
      String after = retryAfter;
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      headers.putAll(exchange.getRequestHeaders());
      Delivery delivery =
          new Delivery(
              path,
              exchange.getRequestHeaders().getFirst("webhook-id"),
              exchange.getRequestHeaders().getFirst("X-Webhook-Event"),
              body,
              headers,
              Instant.now(),
              nanos,
              answer);
      listener.delivered(delivery);
      if (recording) {
        received.add(delivery);
      }
      if (after != null) {
        exchange.getResponseHeaders().add("Retry-After", after);
      }
      byte[] reply =
          decided != null
              ? decided.body()
              : (answer / 100 == 2 ? "thanks" : "not now").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer, reply.length);
      exchange.getResponseBody().write(reply);
    }
  }

  public List<Delivery> all() {
    return List.copyOf(received);
  }

  /** The ids of the events this receiver accepted (answered 2xx). */
  public Set<String> acceptedIds() {
    return received.stream()
        .filter(Delivery::accepted)
        .map(Delivery::eventId)
        .collect(Collectors.toSet());
  }

  /** Waits for the first request that matches; fails after the timeout. */
  public Delivery await(String what, Predicate<Delivery> matching, Duration timeout) {
    Poll.until(timeout, 50, () -> received.stream().anyMatch(matching));
    Optional<Delivery> found = received.stream().filter(matching).findFirst();
    return found.orElseThrow(
        () ->
            new AssertionError(
                "no "
                    + what
                    + " within "
                    + timeout
                    + "; received: "
                    + received.stream()
                        .map(d -> d.type() + " " + d.eventId() + " -> " + d.answered())
                        .toList()));
  }

  public Delivery awaitAccepted(String type, Duration timeout) {
    return await("accepted " + type, d -> type.equals(d.type()) && d.accepted(), timeout);
  }

  /** Waits until every one of these events was answered 2xx at least once. */
  public void awaitAcceptedAll(Set<String> eventIds, Duration timeout) {
    if (!Poll.until(timeout, 100, () -> acceptedIds().containsAll(eventIds))) {
      Set<String> missing = new TreeSet<>(eventIds);
      missing.removeAll(acceptedIds());
      throw new AssertionError("never accepted within " + timeout + ": " + missing);
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
      threads.shutdownNow();
    }
  }
}
