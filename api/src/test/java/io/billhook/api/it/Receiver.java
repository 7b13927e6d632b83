package io.billhook.api.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A webhook receiver on this machine that records every request it gets and answers with a status
 * the test sets (200 by default; 503 or 410 to make deliveries fail), optionally with Retry-After.
 */
final class Receiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as it arrived, and what the receiver answered. */
  record Delivery(
      String eventId,
      String type,
      String body,
      Map<String, List<String>> headers,
      Instant arrivedAt,
      int answered) {

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  private final int port;
  private final List<Delivery> received = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile String retryAfter;
  private HttpServer server;
  private ExecutorService threads;

  private Receiver(int port) {
    this.port = port;
  }

  static Receiver start() {
    return startOn(ItEnvironment.freePort());
  }

  static Receiver startOn(int port) {
    Receiver receiver = new Receiver(port);
    receiver.listen();
    return receiver;
  }

  /** A receiver that is not listening yet: deliveries to its URL get "connection refused". */
  static Receiver down() {
    return new Receiver(ItEnvironment.freePort());
  }

  void listen() {
    try {
      server = HttpServer.create(new InetSocketAddress(port), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    threads = Executors.newFixedThreadPool(8);
    server.setExecutor(threads);
    server.start();
  }

  String url(String path) {
    return "http://localhost:" + port + path;
  }

  void answer(int status) {
    answer(status, null);
  }

  void answer(int status, String retryAfter) {
    this.status = status;
    this.retryAfter = retryAfter;
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    int answer = status;
    String after = retryAfter;
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(exchange.getRequestHeaders());
    received.add(
        new Delivery(
            exchange.getRequestHeaders().getFirst("webhook-id"),
            exchange.getRequestHeaders().getFirst("X-Webhook-Event"),
            new String(body, StandardCharsets.UTF_8),
            headers,
            Instant.now(),
            answer));
    if (after != null) {
      exchange.getResponseHeaders().add("Retry-After", after);
    }
    byte[] reply = (answer / 100 == 2 ? "thanks" : "not now").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer, reply.length);
    exchange.getResponseBody().write(reply);
    exchange.close();
  }

  List<Delivery> all() {
    return List.copyOf(received);
  }

  /** The ids of the events this receiver accepted (answered 2xx). */
  Set<String> acceptedIds() {
    return received.stream()
        .filter(d -> d.answered() / 100 == 2)
        .map(Delivery::eventId)
        .collect(Collectors.toSet());
  }

  /** Waits for the first request that matches; fails after the timeout. */
  Delivery await(String what, Predicate<Delivery> matching, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Delivery> found = received.stream().filter(matching).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      ChildProcess.sleep(50);
    }
    throw new AssertionError(
        "no "
            + what
            + " within "
            + timeout
            + "; received: "
            + received.stream()
                .map(d -> d.type() + " " + d.eventId() + " -> " + d.answered())
                .toList());
  }

  Delivery awaitAccepted(String type, Duration timeout) {
    return await(
        "accepted " + type, d -> type.equals(d.type()) && d.answered() / 100 == 2, timeout);
  }

  /** Waits until every one of these events was answered 2xx at least once. */
  void awaitAcceptedAll(Set<String> eventIds, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!acceptedIds().containsAll(eventIds)) {
      if (System.nanoTime() > deadline) {
        Set<String> missing = new java.util.TreeSet<>(eventIds);
        missing.removeAll(acceptedIds());
        throw new AssertionError("never accepted within " + timeout + ": " + missing);
      }
      ChildProcess.sleep(100);
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
