package io.billhook.api.lifecycle;

import static io.billhook.api.lifecycle.LifecycleReports.END;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billhook.api.testing.ApiClient.Response;
import io.billhook.api.testing.ApiTest;
import io.billhook.core.events.Envelope;
import io.billhook.core.lifecycle.LifecycleRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A repeat of a report completes whatever of it is missing, instead of being deduplicated. */
@ApiTest
class LifecycleRepeatTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired LifecycleRegistry registry;
  @RegisterExtension final LifecycleReports reports = new LifecycleReports();

  @Test
  void aReportClaimedButNeverAppliedIsAppliedByItsRetry() throws Exception {
    String vendorId = reports.vendor.id();
    String data = "{\"trialId\":\"t1\",\"customerId\":\"c\",\"trialEnd\":\"" + END + "\"}";
    Envelope envelope =
        Envelope.of("evt_half", "trial.started", Instant.now(), JSON.readTree(data));
    // The first try stored its claim, then the process stopped before Temporal heard of it.
    jdbc.sql(
            "INSERT INTO lifecycle_reports (vendor_id, event_id, kind, entity_id, type, creates,"
                + " occurred_at, body, accepted_at) VALUES (?, ?, 'trial', 't1', 'trial.started',"
                + " true, ?, ?, now())")
        .params(vendorId, "evt_half", Timestamp.from(envelope.timestamp()), envelope.body())
        .update();
    registry.add(vendorId, LifecycleRegistry.TRIAL, "t1");
    assertThat(reports.get("/trials/t1").status()).isEqualTo(503);

    Response retried = reports.trialStarted("evt_half", "t1", "c", END);

    assertThat(retried.status()).as(retried.body()).isEqualTo(200);
    assertThat(retried.body()).isEqualTo(envelope.body());
    assertThat(reports.get("/trials/t1").json().path("status").asText()).isEqualTo("trialing");
    assertThat(reports.get("/events/evt_half").status()).isEqualTo(200);
  }
}
