package io.billhook.core;

import io.billhook.core.config.BillhookProperties;
import io.billhook.core.config.IsolationProperties;
import io.billhook.core.config.RetentionProperties;
import io.billhook.core.config.TemporalProperties;
import io.billhook.core.config.WorkerProperties;
import io.billhook.core.embedded.EmbeddedProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/** Everything Billhook's core contributes to an application: import this to get it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
  BillhookProperties.class,
  TemporalProperties.class,
  WorkerProperties.class,
  IsolationProperties.class,
  EmbeddedProperties.class,
  RetentionProperties.class
})
@PropertySource("classpath:billhook-defaults.properties")
@ComponentScan
public class CoreModule {}
