package io.billhook.api.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.billhook.core.embedded.Poll;
import io.billhook.testkit.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A receiver on loopback as careless as some are: the first request to each path under {@code
 * /flaky/} gets a 500 whose body echoes the whole request back (the customer's data with it), every
 * later one a 200; other paths always get a 200.
 */
final class EchoingReceiver implements AutoCloseable {
  /** One request: where it went, the event it carried, and what it was answered. */
  record Request(String path, String eventId, String type, int answered) {}

  private final int port = Ports.free();
  private final List<Request> received = new CopyOnWriteArrayList<>();
  private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(16);

  EchoingReceiver() {
    try {
      server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      boolean fail = path.startsWith("/flaky/") && failedOnce.add(path);
      int status = fail ? 500 : 200;
      received.add(
          new Request(
              path,
              exchange.getRequestHeaders().getFirst("webhook-id"),
              exchange.getRequestHeaders().getFirst("X-Webhook-Event"),
              status));
      byte[] reply = fail ? body : "thanks".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, reply.length);
      exchange.getResponseBody().write(reply);
    }
  }

  /** Waits until the path accepted an event of this type; fails after the timeout. */
  void awaitAccepted(String path, String type, Duration timeout) {
    if (!Poll.until(
        timeout,
        100,
        () ->
            received.stream()
                .anyMatch(
                    r -> r.path().equals(path) && type.equals(r.type()) && r.answered() == 200))) {
      throw new AssertionError(path + " never accepted " + type + "; received " + received);
    }
  }

  List<Request> all() {
    return List.copyOf(received);
  }

  /** How many times each path accepted (answered 2xx) each event, by path then event id. */
  Map<String, Map<String, Long>> acceptedCounts() {
    return received.stream()
        .filter(r -> r.answered() / 100 == 2)
        .collect(
            Collectors.groupingBy(
                Request::path, Collectors.groupingBy(Request::eventId, Collectors.counting())));
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
