package io.billhook.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** The metrics as an operator reads them: bounded tags, a cheap backlog, the SDK's own meters. */
class MetricsUnitsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void attemptsAreTaggedByOutcomeAndStatusClassOnly() {
    DeliveryMetrics metrics = new DeliveryMetrics(registry, null);

    metrics.recorded("acme", "evt_1", 503, Instant.now(), 5, null);
    metrics.recorded("acme", "evt_1", 0, Instant.now(), 5, "failed");
    metrics.recorded("acme", "evt_2", 204, Instant.now(), 5, "succeeded");

    assertThat(registry.get("billhook.delivery.attempts").tag("status", "5xx").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("billhook.delivery.attempts").tag("status", "none").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("billhook.deliveries").tag("outcome", "failed").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("billhook.deliveries").tag("outcome", "succeeded").counter().count())
        .isEqualTo(1);
    assertThat(registry.getMeters())
        .allSatisfy(
            meter ->
                assertThat(meter.getId().getTags())
                    .allSatisfy(tag -> assertThat(tag.getKey()).isIn("outcome", "status")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theBacklogIsReadOnceForManyScrapesAndShowsNoValueWhileTheDatabaseIsDown() throws Exception {
    JdbcTemplate jdbc = mock(JdbcTemplate.class);
    ResultSet row = mock(ResultSet.class);
    when(row.getLong(1)).thenReturn(7L);
    when(row.getLong(2)).thenReturn(2L);
    when(jdbc.queryForObject(anyString(), any(RowMapper.class)))
        .thenAnswer(call -> call.getArgument(1, RowMapper.class).mapRow(row, 0))
        .thenThrow(new CannotGetJdbcConnectionException("down"));
    Instant[] now = {Instant.parse("2026-12-01T00:00:00Z")};
    Clock clock =
        new Clock() {
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          public Instant instant() {
            return now[0];
          }
        };
    new BacklogGauges(jdbc, clock).bindTo(registry);

    for (int i = 0; i < 5; i++) {
      assertThat(registry.get("billhook.deliveries.pending").gauge().value()).isEqualTo(7);
      assertThat(registry.get("billhook.endpoints.disabled").gauge().value()).isEqualTo(2);
    }
    verify(jdbc, times(1)).queryForObject(anyString(), any(RowMapper.class));
    now[0] = now[0].plus(BacklogGauges.FRESH_FOR);

    assertThat(registry.get("billhook.deliveries.pending").gauge().value()).isNaN();
    verify(jdbc, times(2)).queryForObject(anyString(), any(RowMapper.class));
  }

  @Test
  void lateTimersAreMeasuredFromTheirPlannedTime() {
    Instant now = Instant.parse("2026-12-01T00:00:10Z");
    TimerLateness lateness = new TimerLateness(registry, Clock.fixed(now, ZoneOffset.UTC));

    lateness.published(now.minusSeconds(10));
    lateness.published(now.plusSeconds(5));

    assertThat(registry.get("billhook.lifecycle.timer.lateness").timer().max(TimeUnit.SECONDS))
        .isEqualTo(10);
    assertThat(registry.get("billhook.lifecycle.timer.lateness").timer().count()).isEqualTo(2);
  }

  @Test
  void theTemporalSdksMetricsReachTheRegistry() throws Exception {
    TemporalMetrics temporal =
        new TemporalMetrics(
            new StaticListableBeanFactory(Map.of("registry", registry))
                .getBeanProvider(MeterRegistry.class));

    temporal.scope().tagged(Map.of("namespace", "default")).counter("temporal_request").inc(3);
    temporal
        .scope()
        .timer("temporal_request_latency")
        .record(com.uber.m3.util.Duration.ofMillis(7));
    temporal.close();

    assertThat(registry.get("temporal_request").counter().count()).isEqualTo(3);
    assertThat(registry.get("temporal_request_latency").timer().count()).isEqualTo(1);
  }
}
