package io.billhook.api.lifecycle;

import io.billhook.api.testing.ApiClient.Response;
import io.billhook.api.testing.FreshVendor;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lifecycle reports as the billing system sends them, to a fresh vendor for each test. Register it
 * as a {@code @RegisterExtension} field of an {@code @ApiTest} class.
 */
final class LifecycleReports implements BeforeEachCallback {
  /** A period or trial end 30 days ahead, to the second. */
  static final Instant END =
      Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);

  final FreshVendor vendor = new FreshVendor("lc");

  @Override
  public void beforeEach(ExtensionContext context) {
    vendor.beforeEach(context);
  }

  Response trialStarted(String eventId, String trialId, String customerId, Instant trialEnd) {
    return post(
        eventId,
        "trial.started",
        "{\"trialId\":\"%s\",\"customerId\":\"%s\",\"trialEnd\":\"%s\"}"
            .formatted(trialId, customerId, trialEnd));
  }

  /** subscription.created; {@code trialId} (or null) names the trial it converts. */
  Response created(
      String eventId, String subscriptionId, String customerId, Instant end, String trialId) {
    return subscription(eventId, "subscription.created", subscriptionId, customerId, end, trialId);
  }

  Response renewed(String eventId, String subscriptionId, String customerId, Instant end) {
    return subscription(eventId, "subscription.renewed", subscriptionId, customerId, end, null);
  }

  Response cancelledNow(String eventId, String subscriptionId) {
    return post(
        eventId,
        "subscription.cancelled",
        "{\"subscriptionId\":\"" + subscriptionId + "\",\"cancelAtPeriodEnd\":false}");
  }

  private Response subscription(
      String eventId,
      String type,
      String subscriptionId,
      String customerId,
      Instant end,
      String trialId) {
    String trial = trialId == null ? "" : ",\"trialId\":\"" + trialId + "\"";
    return post(
        eventId,
        type,
        "{\"subscriptionId\":\"%s\",\"customerId\":\"%s\",\"currentPeriodEnd\":\"%s\"%s}"
            .formatted(subscriptionId, customerId, end, trial));
  }

  Response post(String eventId, String type, String data) {
    return vendor.post(
        "/events", "{\"id\":\"" + eventId + "\",\"type\":\"" + type + "\",\"data\":" + data + "}");
  }

  Response get(String path) {
    return vendor.get(path);
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
