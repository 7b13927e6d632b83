package io.billhook.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.api.testing.ApiClient;
import io.billhook.api.testing.ApiTest;
import io.billhook.api.testing.LocalReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What an operator's Prometheus scrapes after a delivery and a lifecycle timer: the delivery
 * counters and latency, the backlog gauges, the timers' lateness and the Temporal SDK's own meters,
 * and in no label anything a vendor chose (vendor, event, endpoint, URL).
 */
@ApiTest
class PrometheusMetricsTest {
  @RegisterExtension final LocalReceiver receiver = new LocalReceiver();
  @LocalServerPort int port;

  @Test
  void aDeliveryAndATimerShowInTheScrapeWithoutTheVendorsValues() throws Exception {
    ApiClient api = new ApiClient(port);
    String vendor = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
    String base = "/v1/vendors/" + vendor;
    receiver.acceptNext(5);
    String url = receiver.url("/hook-" + vendor).toString();
    String endpoint =
        api.post(base + "/endpoints", "{\"url\":\"" + url + "\",\"events\":[\"*\"]}")
            .json()
            .path("id")
            .asText();
    String eventId = "pay_" + vendor;
    assertThat(
            api.post(
                    base + "/events",
                    "{\"id\":\"" + eventId + "\",\"type\":\"payment.received\",\"data\":{}}")
                .status())
        .isEqualTo(202);
    assertThat(receiver.takeRequest(30, TimeUnit.SECONDS)).isNotNull();
    String trialEnd = Instant.now().plus(Duration.ofHours(1)).toString();
    api.post(
        base + "/events",
        "{\"type\":\"trial.started\",\"data\":{\"trialId\":\"tr_"
            + vendor
            + "\",\"customerId\":\"cus_1\",\"trialEnd\":\""
            + trialEnd
            + "\"}}");

    String scrape =
        scrapeOnce(
            s ->
                count(s, "billhook_lifecycle_timer_lateness_seconds_count") > 0
                    && count(s, "billhook_delivery_latency_seconds_count") > 0);

    assertThat(scrape)
        .contains(
            "billhook_delivery_attempts_total{outcome=\"succeeded\",status=\"2xx\"}",
            "billhook_deliveries_total{outcome=\"succeeded\"}",
            "billhook_delivery_latency_seconds_bucket",
            "billhook_deliveries_pending ",
            "billhook_endpoints_disabled ",
            "billhook_lifecycle_timer_lateness_seconds_bucket",
            "temporal_request_total",
            "temporal_worker_task_slots_available");
    assertThat(scrape).doesNotContain(vendor, eventId, endpoint, url, "payment.received");
  }

  /** Scrapes until the condition holds (the worker records after it answers), at most 30 s. */
  private String scrapeOnce(java.util.function.Predicate<String> ready)
      throws InterruptedException {
    ApiClient admin = new ApiClient(port);
    String scrape = "";
    for (int i = 0; i < 150 && !ready.test(scrape); i++) {
      Thread.sleep(200);
      ApiClient.Response response = admin.get("/actuator/prometheus");
      assertThat(response.status()).isEqualTo(200);
      scrape = response.body();
    }
    return scrape;
  }

  private static double count(String scrape, String name) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*})? (\\S+)$").matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
