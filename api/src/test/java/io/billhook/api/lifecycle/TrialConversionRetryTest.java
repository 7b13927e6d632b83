package io.billhook.api.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billhook.api.testing.ApiClient.Response;
import io.billhook.api.testing.ApiTest;
import io.billhook.core.lifecycle.LifecycleActivitiesImpl;
import io.billhook.core.lifecycle.TrialConversions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * A subscription that names a trial converts it durably: when the conversion's first try fails, it
 * is retried until it lands, a retry of the report answers with the original, and the trial never
 * expires on a paying customer.
 */
@ApiTest
class TrialConversionRetryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired LifecycleActivitiesImpl activities;
  @Autowired TrialConversions realConversions;
  private TrialConversions conversions;
  private final MockWebServer receiver = new MockWebServer();
  @RegisterExtension final LifecycleReports reports = new LifecycleReports();

  @BeforeEach
  void setUp() throws Exception {
    // The worker's activities reach the trial through a spy (in the shared application: a bean
    // override would boot a second one), restored after the test.
    conversions = Mockito.spy(realConversions);
    ReflectionTestUtils.setField(activities, "conversions", conversions);
    receiver.start();
    for (int i = 0; i < 10; i++) {
      receiver.enqueue(new MockResponse.Builder().code(200).build());
    }
    reports.vendor.post(
        "/endpoints", "{\"url\":\"" + receiver.url("/hook") + "\",\"events\":[\"*\"]}");
    reports.vendor.put("/settings", "{\"trialExpiringLead\":\"PT1S\"}");
  }

  @AfterEach
  void tearDown() {
    ReflectionTestUtils.setField(activities, "conversions", realConversions);
    receiver.close();
  }

  @Test
  void aConversionWhoseFirstTryFailsIsCompletedAndTheTrialNeverExpires() throws Exception {
    Instant trialEnd = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
    Instant end = trialEnd.plus(Duration.ofDays(30));
    reports.trialStarted("evt_t", "t1", "c", trialEnd);
    doThrow(new IllegalStateException("the trial's workflow could not be reached"))
        .doCallRealMethod()
        .when(conversions)
        .convert(any(), any(), any());

    Response created = reports.created("evt_s", "s1", "c", end, "t1");
    Response retried = reports.created("evt_s", "s1", "c", end, "t1");

    assertThat(created.status()).as(created.body()).isEqualTo(202);
    assertThat(retried.status()).isEqualTo(200);
    assertThat(retried.body()).isEqualTo(created.body());
    reports.awaitStatus("/trials/t1", "converted");
    verify(conversions, atLeast(2)).convert(any(), any(), any());
    List<String> delivered = new ArrayList<>();
    RecordedRequest request;
    while ((request = receiver.takeRequest(trialEndPlus(trialEnd, 3), TimeUnit.MILLISECONDS))
        != null) {
      delivered.add(
          JSON.readTree(request.getBody().string(StandardCharsets.UTF_8)).path("type").asText());
    }
    // Two entities, two delivery workflows: no order between them.
    assertThat(delivered)
        .containsExactlyInAnyOrder("trial.started", "subscription.created")
        .doesNotContain("trial.expired");
  }

  private static long trialEndPlus(Instant trialEnd, int seconds) {
    return Math.max(1, Duration.between(Instant.now(), trialEnd.plusSeconds(seconds)).toMillis());
  }
}
