package io.billhook.bench;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhook receiver, in the bench JVM: a JDK HttpServer on loopback that verifies both
 * signatures of every delivery, tells the current listener when it arrived, and answers 200 at once
 * (a bad signature is counted, not refused, so that no retry muddles the numbers).
 */
final class Receiver implements AutoCloseable {
  /** Called on a receiver thread for each delivery, with System.nanoTime() of its arrival. */
  interface Listener {
    void delivered(String vendor, String eventId, Headers headers, byte[] body, long atNanos);
  }

  private final HttpServer server;
  private final ExecutorService threads;
  private final Map<String, String> secretsByPath = new ConcurrentHashMap<>();
  private final AtomicLong verified = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private volatile Listener listener = (vendor, id, headers, body, at) -> {};

  Receiver(int threadCount) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    threads = Executors.newFixedThreadPool(threadCount);
    server.setExecutor(threads);
    server.createContext("/hook/", this::handle);
    server.start();
  }

  /** The URL of the {@code index}-th endpoint of a vendor; the path carries the vendor. */
  String url(String vendor, int index) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/" + vendor + "/" + index;
  }

  void expect(String url, String secret) {
    secretsByPath.put(url.substring(url.indexOf("/hook/")), secret);
  }

  void listen(Listener next) {
    listener = next;
  }

  long verified() {
    return verified.get();
  }

  long refused() {
    return refused.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    long at = System.nanoTime();
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      Headers h = exchange.getRequestHeaders();
      String secret = secretsByPath.get(path);
      String id = h.getFirst("webhook-id");
      boolean ok =
          secret != null
              && SignatureCheck.valid(
                  secret,
                  body,
                  h.getFirst("X-Webhook-Signature"),
                  id,
                  h.getFirst("webhook-timestamp"),
                  h.getFirst("webhook-signature"));
      (ok ? verified : refused).incrementAndGet();
      String vendor = path.substring("/hook/".length(), path.lastIndexOf('/'));
      listener.delivered(vendor, id, h, body, at);
      exchange.sendResponseHeaders(200, -1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
