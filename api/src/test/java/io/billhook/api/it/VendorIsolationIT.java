package io.billhook.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.billhook.api.testing.ApiClient.Response;
import io.billhook.core.embedded.Poll;
import io.billhook.testkit.Receiver;
import io.billhook.testkit.Receiver.Delivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One vendor whose receivers hang does not slow another vendor's deliveries or anyone's lifecycle
 * reports: vendor A's 240 deliveries (60 events to 4 endpoints on one host) each hang 14 s, while
 * vendor B's events are delivered within 2 s (p95) and trial reports are answered within 3 s. The
 * figures are printed for the operations guide.
 */
@ExtendWith(SharedStack.class)
@Timeout(300)
class VendorIsolationIT {
  private static final Duration HANG = Duration.ofSeconds(14);
  private static final Duration BOUND = Duration.ofSeconds(2);
  private static final Duration TRIAL_BOUND = Duration.ofSeconds(3);

  @AutoClose private final Receiver fast = Receiver.start();
  @AutoClose private final HangingReceiver slow = new HangingReceiver(HANG);
  private final Stack stack;
  private final Vendors hanging;
  private final Vendors healthy;

  VendorIsolationIT(Stack stack) {
    this.stack = stack;
    this.hanging = Vendors.fresh(stack.api(), "hanging");
    this.healthy = Vendors.fresh(stack.api(), "healthy");
  }

  @Test
  void aVendorWhoseReceiversHangDelaysNeitherOtherVendorsNorLifecycleReports() throws Exception {
    IntStream.range(0, 4).forEach(i -> hanging.endpoint(slow.url("/hook/" + i)));
    healthy.endpoint(fast.url("/hook"));
    // Warm up: the first report of each kind pays for the app's first use of its path, not for
    // the other vendor; it is printed, not measured.
    long coldTrial = timedTrialReport("t_warm");
    healthy.accepted("evt_warm", "invoice.created", "{\"n\":1}");
    fast.awaitAccepted("invoice.created", Duration.ofSeconds(30));
    Map<String, Instant> acceptedAt = new ConcurrentHashMap<>();
    ExecutorService reporters = Executors.newFixedThreadPool(8);
    for (int i = 0; i < 60; i++) {
      String id = "evt_hang_" + i;
      reporters.submit(() -> hanging.accepted(id, "invoice.created", "{\"n\":1}"));
    }
    reporters.shutdown();
    assertThat(reporters.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    Poll.until(Duration.ofSeconds(20), 50, () -> slow.started() >= 8);

    List<Long> trialMillis = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String id = "evt_ok_" + i;
      healthy.accepted(id, "invoice.created", "{\"n\":1}");
      acceptedAt.put(id, Instant.now());
      if (i % 5 == 4) {
        trialMillis.add(timedTrialReport("t" + i));
      }
      Poll.sleep(250);
    }
    Poll.until(
        Duration.ofSeconds(120), 100, () -> fast.acceptedIds().containsAll(acceptedAt.keySet()));

    List<Long> latencies = new ArrayList<>();
    for (Delivery d : fast.all()) {
      Instant accepted = acceptedAt.get(d.eventId());
      if (accepted != null && "invoice.created".equals(d.type())) {
        latencies.add(Math.max(0, Duration.between(accepted, d.arrivedAt()).toMillis()));
      }
    }
    long p95 = percentile(latencies, 95);
    long trialMax = trialMillis.stream().mapToLong(Long::longValue).max().orElseThrow();
    System.out.printf(
        "VendorIsolationIT: hanging requests started %d, healthy deliveries %d/%d, accept->delivered"
            + " p50 %d ms p95 %d ms max %d ms; trial.started answered in %s ms (warm-up, alone: %d ms);"
            + " load %s%n",
        slow.started(),
        latencies.size(),
        acceptedAt.size(),
        percentile(latencies, 50),
        p95,
        percentile(latencies, 100),
        trialMillis,
        coldTrial,
        java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
    assertThat(latencies).hasSize(acceptedAt.size());
    assertThat(p95).as("healthy vendor's accept->delivered p95 (ms)").isLessThan(BOUND.toMillis());
    // The report's own path takes 1 to 2.5 s on a loaded two-core machine (the warm-up, with no
    // slow vendor): what is bounded here is what a hanging vendor adds to it (26 s before).
    assertThat(trialMax).as("slowest trial.started answer (ms)").isLessThan(TRIAL_BOUND.toMillis());
  }

  /** How long the API takes to answer a trial.started (a lifecycle report, answered by its run). */
  private long timedTrialReport(String trialId) {
    Instant end = Instant.now().plus(Duration.ofDays(14)).truncatedTo(ChronoUnit.SECONDS);
    long started = System.nanoTime();
    Response response =
        healthy.report(
            null,
            "trial.started",
            "{\"trialId\":\"" + trialId + "\",\"customerId\":\"c1\",\"trialEnd\":\"" + end + "\"}");
    long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
    assertThat(response.status()).as(response.body()).isEqualTo(202);
    return millis;
  }

  private static long percentile(List<Long> values, int percent) {
    if (values.isEmpty()) {
      return Long.MAX_VALUE;
    }
    List<Long> sorted = values.stream().sorted().toList();
    int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  /** A loopback receiver that takes every request and answers 200 only after {@code hang}. */
  private static final class HangingReceiver implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger started = new AtomicInteger();

    HangingReceiver(Duration hang) {
      try {
        server =
            HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext(
          "/",
          exchange -> {
            try (exchange) {
              started.incrementAndGet();
              exchange.getRequestBody().readAllBytes();
              Poll.sleep(hang.toMillis());
              exchange.sendResponseHeaders(200, -1);
            }
          });
      server.setExecutor(threads);
      server.start();
    }

    String url(String path) {
      return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int started() {
      return started.get();
    }

    @Override
    public void close() {
      server.stop(0);
      threads.shutdownNow();
    }
  }
}
