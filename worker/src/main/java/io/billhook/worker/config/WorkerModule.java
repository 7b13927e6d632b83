package io.billhook.worker.config;

import io.billhook.worker.WorkerApplication;
import io.billhook.worker.embedded.EmbeddedProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.PropertySource;

/** Everything the worker module contributes to an application: import this to get it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
  BillhookProperties.class,
  TemporalProperties.class,
  WorkerProperties.class,
  EmbeddedProperties.class
})
@PropertySource("classpath:billhook-defaults.properties")
@ComponentScan(
    basePackages = "io.billhook.worker",
    excludeFilters =
        @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = WorkerApplication.class))
public class WorkerModule {}
