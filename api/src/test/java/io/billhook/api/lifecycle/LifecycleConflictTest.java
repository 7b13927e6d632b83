package io.billhook.api.lifecycle;

import static io.billhook.api.lifecycle.LifecycleReports.END;
import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.api.testing.ApiClient.Response;
import io.billhook.api.testing.ApiTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Reports that contradict their entity are refused with 409 in the caller's terms. */
@ApiTest
class LifecycleConflictTest {

  @LocalServerPort int port;
  @RegisterExtension final LifecycleReports reports = new LifecycleReports();

  @Test
  void aRenewalNamingAnotherCustomerIsRefusedAndChangesNothing() {
    reports.created("evt_c", "s1", "alice", END, null);

    Response renewal = reports.renewed("evt_r", "s1", "bob", END.plus(Duration.ofDays(30)));

    assertThat(renewal.status()).as(renewal.body()).isEqualTo(409);
    assertThat(renewal.detail())
        .isEqualTo(
            "subscription s1 belongs to customer alice, not bob; a subscription never changes"
                + " customer");
    Response subscription = reports.get("/subscriptions/s1");
    assertThat(subscription.json().path("customerId").asText()).isEqualTo("alice");
    assertThat(subscription.json().path("currentPeriodEnd").asText()).isEqualTo(END.toString());
    assertThat(reports.get("/events/evt_r").status()).isEqualTo(404);
  }

  @Test
  void recreatingAnExpiredSubscriptionIsAConflictNotARetry() throws Exception {
    reports.created("evt_c1", "sx", "c", END, null);
    reports.cancelledNow("evt_x", "sx");
    reports.awaitStatus("/subscriptions/sx", "expired");

    Response again = reports.created("evt_c2", "sx", "c", END, null);

    assertThat(again.status()).as(again.body()).isEqualTo(409);
    assertThat(again.detail())
        .isEqualTo("subscription sx has ended; a new subscription needs a new subscriptionId");
    assertThat(reports.get("/events/evt_c2").status()).isEqualTo(404);
  }

  @Test
  void restartingAnEndedTrialIsAConflict() throws Exception {
    reports.trialStarted("evt_t1", "tx", "c", Instant.now().plusSeconds(1));
    reports.awaitStatus("/trials/tx", "expired");

    Response again = reports.trialStarted("evt_t2", "tx", "c", END);

    assertThat(again.status()).as(again.body()).isEqualTo(409);
    assertThat(again.detail()).isEqualTo("trial tx has ended; a new trial needs a new trialId");
  }

  @Test
  void aSecondSubscriptionConvertingAConvertedTrialIsRefused() {
    reports.trialStarted("evt_t", "tc", "c", END);
    assertThat(reports.created("evt_s1", "s1", "c", END, "tc").status()).isEqualTo(202);

    Response second = reports.created("evt_s2", "s2", "c", END, "tc");

    assertThat(second.status()).as(second.body()).isEqualTo(409);
    assertThat(second.detail())
        .isEqualTo("trial tc was already converted by subscription s1; a trial converts once");
    assertThat(reports.get("/subscriptions/s2").status()).isEqualTo(404);
    assertThat(reports.get("/trials/tc").json().path("convertedBy").asText()).isEqualTo("s1");
  }

  @Test
  void aRefusedReportCanBeSentAgainCorrectedUnderTheSameId() {
    reports.created("evt_c", "s5", "c", END, null);
    assertThat(reports.renewed("evt_fix", "s5", "c", END.minusSeconds(60)).status()).isEqualTo(409);

    Response corrected = reports.renewed("evt_fix", "s5", "c", END.plus(Duration.ofDays(30)));

    assertThat(corrected.status()).as(corrected.body()).isEqualTo(202);
    assertThat(reports.get("/subscriptions/s5").json().path("currentPeriodEnd").asText())
        .isEqualTo(END.plus(Duration.ofDays(30)).toString());
  }
}
