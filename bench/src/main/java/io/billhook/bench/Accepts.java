package io.billhook.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

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
