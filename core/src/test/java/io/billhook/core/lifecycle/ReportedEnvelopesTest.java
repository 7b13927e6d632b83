package io.billhook.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billhook.core.events.Envelope;
import io.billhook.core.events.StrictJsonParser;
import io.billhook.core.testing.Endpoints;
import io.billhook.core.testing.TestDatabase;
import io.billhook.workflows.lifecycle.ReportedEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A lifecycle run publishes its reports by id: the envelope comes back from the record, whole, and
 * the report the run carries to its workflow holds no customer data.
 */
class ReportedEnvelopesTest {
  private static final String VENDOR = "acme-" + java.util.UUID.randomUUID();
  private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private final LifecycleReportStore reports =
      new LifecycleReportStore(
          TestDatabase.jdbc(),
          TestDatabase.transactions(),
          new LifecycleRegistry(TestDatabase.jdbc()),
          Endpoints.DATA);

  @BeforeEach
  void empty() {
    TestDatabase.clear();
  }

  @Test
  void aClaimedReportIsCarriedByIdAndPublishedWhole() {
    LifecycleReport report = trialStarted("evt_t1");
    reports.claim(report);

    ReportedEvent carried = report.trialStarted().event();

    assertThat(carried.body()).isNull();
    assertThat(carried.toString()).doesNotContain("s3cret").doesNotContain("jane@example.com");
    assertThat(ReportedEnvelopes.of(carried, reports)).isEqualTo(report.envelope());
  }

  @Test
  void aRunRecordedWithTheBodyPublishesThatBody() {
    Envelope envelope = trialStarted("evt_old").envelope();
    ReportedEvent recorded =
        new ReportedEvent(VENDOR, "evt_old", "trial.started", AT, envelope.body());

    assertThat(ReportedEnvelopes.of(recorded, reports)).isEqualTo(envelope);
  }

  @Test
  void aReportStoredNowhereIsRetriedNotPublishedEmpty() {
    ReportedEvent unknown = new ReportedEvent(VENDOR, "evt_none", "trial.started", AT, null);

    assertThatThrownBy(() -> ReportedEnvelopes.of(unknown, reports))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("evt_none is not stored");
  }

  private static LifecycleReport trialStarted(String eventId) {
    return LifecycleReport.of(
        VENDOR,
        Envelope.of(
            eventId,
            "trial.started",
            AT,
            StrictJsonParser.parse(
                "{\"trialId\":\"t1\",\"customerId\":\"c1\",\"trialEnd\":\""
                    + AT.plusSeconds(3600)
                    + "\",\"email\":\"jane@example.com\",\"credentials\":{\"password\":\"s3cret\"}}")),
        AT);
  }
}
