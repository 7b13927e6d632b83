package io.billhook.bench;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/** Posts reports to {@code POST /v1/vendors/{v}/events}, at a fixed rate or as fast as it can. */
final class LoadGenerator {
  private final BillhookApi api;

  LoadGenerator(BillhookApi api) {
    this.api = api;
  }

  /**
   * Open loop: a request every 1/rate seconds whatever the API's latency, so a slow answer does not
   * hide the requests that would have queued behind it.
   */
  Accepts atRate(String vendor, double perSecond, Duration duration, IntFunction<String> bodies) {
    Accepts accepts = new Accepts();
    long interval = (long) (1e9 / perSecond);
    long count = (long) (duration.toNanos() / (double) interval);
    List<CompletableFuture<?>> pending = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long due = accepts.firstSendNanos + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      long sent = System.nanoTime();
      pending.add(
          api.reportAsync(vendor, bodies.apply(i))
              .whenComplete((r, e) -> record(accepts, sent, r, e)));
    }
    awaitAll(pending);
    return accepts;
  }

  /**
   * Closed loop: each client sends its next report as soon as the previous one is answered, until
   * {@code duration} has passed or {@code limit} reports were sent.
   */
  Accepts asFastAsPossible(
      String vendor, int clients, Duration duration, int limit, IntFunction<String> bodies) {
    return Accepts.closedLoop(
        clients,
        duration,
        limit,
        (accepts, i) -> {
          long sent = System.nanoTime();
          try {
            record(accepts, sent, api.report(vendor, bodies.apply(i)), null);
          } catch (Exception e) {
            record(accepts, sent, null, e);
          }
        });
  }

  private static void record(Accepts accepts, long sent, HttpResponse<String> r, Throwable e) {
    long answered = System.nanoTime();
    if (e != null) {
      accepts.failed(e.toString());
    } else if (r.statusCode() != 202) {
      accepts.failed("HTTP " + r.statusCode() + " " + r.body());
    } else {
      accepts.accepted(BillhookApi.envelopeId(r.body()), sent, answered);
    }
  }

  private static void awaitAll(List<CompletableFuture<?>> pending) {
    try {
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
          .handle((r, e) -> null)
          .get(2, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException("reports still unanswered after 2 minutes", e);
    }
  }
}
