package io.billhook.core.health;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds (and so checks) the auto-disable setting in every process, API-only ones included. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HealthProperties.class)
class HealthConfiguration {
  @Bean
  DisableAfter disableAfter(HealthProperties settings) {
    return settings.period();
  }
}
