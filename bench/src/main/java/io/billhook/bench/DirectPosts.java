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

  private static final List<String> EVERY_EVENT = List.of(Endpoint.ALL_EVENTS);

  private DirectPosts() {}

  static Row run(
      Stack stack,
      VerifyingReceiver receiver,
      int endpoints,
      int clients,
      Duration duration,
      String body) {
    List<Endpoint> targets = new ArrayList<>();
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < endpoints; i++) {
      byte[] key = new byte[32];
      random.nextBytes(key);
      String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
      String url = receiver.url(VENDOR, i);
      receiver.expect(url, secret);
      targets.add(endpoint("ep_direct" + i, url, secret));
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
    receiver.listen((v, delivery) -> received.incrementAndGet());

    CpuMeter.Mark mark = stack.cpu.mark();
    Accepts posts =
        Accepts.closedLoop(
            clients,
            duration,
            Integer.MAX_VALUE,
            (accepts, i) -> {
              String id = "evt_direct" + i;
              long sent = System.nanoTime();
              var outcome = sender.send(targets.get(i % endpoints), id, "payment.received", body);
              if (outcome.succeeded()) {
                accepts.accepted(id, sent, System.nanoTime());
              } else {
                accepts.failed(outcome.describe());
              }
            });
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
        null,
        java.util.Map.of(),
        java.util.Map.of());
  }

  /** An enabled endpoint for every event type that signs with {@code secret} alone. */
  private static Endpoint endpoint(String id, String url, String secret) {
    return Endpoint.newBuilder(Instant.now())
        .setId(id)
        .setVendorId(VENDOR)
        .setUrl(url)
        .setEvents(EVERY_EVENT)
        .setSecret(secret)
        .build();
  }
}
