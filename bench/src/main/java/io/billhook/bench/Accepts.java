package io.billhook.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ObjIntConsumer;

/**
 * What a load run sent and how it was answered: for each accepted event, when its request was sent
 * (the start of accept→delivered), and the API's accept latencies.
 */
final class Accepts {
  final Map<String, Long> sentAtNanos = new ConcurrentHashMap<>();
  final Samples latency = new Samples();
  final long firstSendNanos = System.nanoTime();
  private final AtomicLong lastAnswerNanos = new AtomicLong(firstSendNanos);
  private final AtomicLong failures = new AtomicLong();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();

  void accepted(String eventId, long sentNanos, long answeredNanos) {
    sentAtNanos.put(eventId, sentNanos);
    latency.add(answeredNanos - sentNanos);
    lastAnswerNanos.accumulateAndGet(answeredNanos, Math::max);
  }

  void failed(String why) {
    failures.incrementAndGet();
    firstFailure.compareAndSet(null, why);
  }

  /**
   * Closed loop: {@code clients} threads, each sending its next request as soon as the previous one
   * returned, until {@code duration} has passed or {@code limit} requests were sent (client c sends
   * requests c, c + clients, ...). Each request records itself in the returned Accepts.
   */
  static Accepts closedLoop(
      int clients, Duration duration, int limit, ObjIntConsumer<Accepts> request) {
    Accepts accepts = new Accepts();
    long end = accepts.firstSendNanos + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int first = c;
      Thread thread =
          new Thread(
              () -> {
                for (int i = first; i < limit && System.nanoTime() < end; i += clients) {
                  request.accept(accepts, i);
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
    return accepts;
  }

  int count() {
    return sentAtNanos.size();
  }

  long failures() {
    return failures.get();
  }

  String firstFailure() {
    return firstFailure.get();
  }

  /** Accepted per second, from the first request sent to the last answer. */
  double perSecond() {
    return count() / Math.max(1e-9, (lastAnswerNanos.get() - firstSendNanos) / 1e9);
  }
}
