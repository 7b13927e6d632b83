package io.billhook.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.core.config.BillhookProperties;
import io.billhook.workflows.delivery.RetrySchedule;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/** The retry schedule deliveries run on: RetrySchedule.DEFAULT unless one is configured. */
class ConfiguredRetryScheduleTest {

  @Test
  void theShippedDefaultsRunOnTheDefaultSchedule() throws Exception {
    assertThat(bind(Map.of()).schedule()).isEqualTo(RetrySchedule.DEFAULT);
  }

  @Test
  void aConfiguredScheduleReplacesTheDefault() throws Exception {
    RetrySchedule schedule = bind(Map.of("billhook.retry-schedule", "PT1S,PT2S")).schedule();

    assertThat(schedule.delays()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(schedule.maxAttempts()).isEqualTo(3);
  }

  /** Binds the shipped defaults file, overridden by {@code settings}, as the application does. */
  private static BillhookProperties bind(Map<String, String> settings) throws Exception {
    Properties properties =
        PropertiesLoaderUtils.loadProperties(new ClassPathResource("billhook-defaults.properties"));
    properties.putAll(settings);
    return new Binder(new MapConfigurationPropertySource(properties))
        .bind("billhook", BillhookProperties.class)
        .get();
  }
}
