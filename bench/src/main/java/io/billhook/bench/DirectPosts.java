package io.billhook.bench;

import io.billhook.core.delivery.WebhookSender;
import io.billhook.core.endpoints.Endpoint;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The ceiling: Billhook's own WebhookSender (both signatures, OkHttp configured like the app's)
 * posting to the same receiver as fast as {@code clients} threads can, with no Temporal and no
 * database in between. Runs in the bench JVM.
 */
final class DirectPosts {
  private static final String VENDOR = "direct";

  private DirectPosts() {}

  static Row run(
      Stack stack, Receiver receiver, int endpoints, int clients, Duration duration, String body) {
    List<Endpoint> targets = new ArrayList<>();
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < endpoints; i++) {
      byte[] key = new byte[32];
      random.nextBytes(key);
      String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
      String url = receiver.url(VENDOR, i);
      receiver.expect(url, secret);
      targets.add(
          Endpoint.newBuilder()
              .setId("ep_direct" + i)
              .setVendorId(VENDOR)
              .setUrl(url)
              .setEvents(List.of(Endpoint.ALL_EVENTS))
              .setSecret(secret)
              .setCreated(Instant.now())
              .build());
    }
    OkHttpClient http =
        new OkHttpClient.Builder()
            .callTimeout(Duration.ofSeconds(15))
            .followRedirects(false)
            .retryOnConnectionFailure(false)
            .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
            .build();
    WebhookSender sender = new WebhookSender(http, Clock.systemUTC(), "bench");
    AtomicLong received = new AtomicLong();
    receiver.listen((v, id, headers, b, at) -> received.incrementAndGet());

    CpuMeter.Mark mark = stack.cpu.mark();
    Accepts posts = new Accepts();
    long end = posts.firstSendNanos + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int first = c;
      Thread thread =
          new Thread(
              () -> {
                for (int i = first; System.nanoTime() < end; i += clients) {
                  String id = "evt_direct" + i;
                  long sent = System.nanoTime();
                  var outcome =
                      sender.send(targets.get(i % endpoints), id, "payment.received", body);
                  if (outcome.succeeded()) {
                    posts.accepted(id, sent, System.nanoTime());
                  } else {
                    posts.failed(outcome.describe());
                  }
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    CpuMeter.Usage cpu = stack.cpu.since(mark);
    double perSecond = posts.perSecond();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    return new Row(
        "direct",
        "max",
        endpoints,
        received.get(),
        perSecond,
        perSecond / endpoints,
        perSecond,
        posts.latency,
        new Samples(),
        cpu,
        "bench",
        0,
        null);
  }
}
