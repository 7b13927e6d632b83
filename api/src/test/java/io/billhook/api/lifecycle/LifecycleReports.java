package io.billhook.api.lifecycle;

import io.billhook.api.testing.ApiClient;
import io.billhook.api.testing.ApiClient.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Lifecycle reports as the billing system sends them, to one fresh vendor. */
final class LifecycleReports {
  final ApiClient api;
  final String vendor;

  LifecycleReports(ApiClient api) {
    this.api = api;
    this.vendor = "/v1/vendors/lc-" + UUID.randomUUID().toString().substring(0, 8);
  }

  Response trialStarted(String eventId, String trialId, String customerId, Instant trialEnd) {
    return post(
        eventId,
        "trial.started",
        "{\"trialId\":\""
            + trialId
            + "\",\"customerId\":\""
            + customerId
            + "\",\"trialEnd\":\""
            + trialEnd
            + "\"}");
  }

  Response created(
      String eventId, String subscriptionId, String customerId, Instant end, String trialId) {
    String trial = trialId == null ? "" : ",\"trialId\":\"" + trialId + "\"";
    return post(
        eventId,
        "subscription.created",
        "{\"subscriptionId\":\""
            + subscriptionId
            + "\",\"customerId\":\""
            + customerId
            + "\",\"currentPeriodEnd\":\""
            + end
            + "\""
            + trial
            + "}");
  }

  Response renewed(String eventId, String subscriptionId, String customerId, Instant end) {
    return post(
        eventId,
        "subscription.renewed",
        "{\"subscriptionId\":\""
            + subscriptionId
            + "\",\"customerId\":\""
            + customerId
            + "\",\"currentPeriodEnd\":\""
            + end
            + "\"}");
  }

  Response cancelledNow(String eventId, String subscriptionId) {
    return post(
        eventId,
        "subscription.cancelled",
        "{\"subscriptionId\":\"" + subscriptionId + "\",\"cancelAtPeriodEnd\":false}");
  }

  Response post(String eventId, String type, String data) {
    return api.post(
        vendor + "/events",
        "{\"id\":\"" + eventId + "\",\"type\":\"" + type + "\",\"data\":" + data + "}");
  }

  Response get(String path) {
    return api.get(vendor + path);
  }

  /** Runs {@code count} calls on as many threads, released at once; answers in call order. */
  static List<Response> concurrently(int count, IntFunction<Response> call) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(count);
    try {
      CountDownLatch gate = new CountDownLatch(1);
      List<Future<Response>> answers = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        answers.add(
            threads.submit(
                () -> {
                  gate.await();
                  return call.apply(n);
                }));
      }
      gate.countDown();
      List<Response> responses = new ArrayList<>();
      for (Future<Response> answer : answers) {
        responses.add(answer.get());
      }
      return responses;
    } finally {
      threads.shutdownNow();
    }
  }

  /** Polls until the entity's status is {@code status}, for up to 30 s. */
  void awaitStatus(String path, String status) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      if (status.equals(get(path).json().path("status").asText())) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(path + " never became " + status);
  }
}
