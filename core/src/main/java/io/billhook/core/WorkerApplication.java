package io.billhook.core;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The worker alone (no REST API): polls Billhook's task queue on the Temporal server named. Not a
 * component itself, so {@link CoreModule}'s scan does not pick it up.
 */
@EnableAutoConfiguration
@Import(CoreModule.class)
public class WorkerApplication {
  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(WorkerApplication.class);
    // As a property, so that the embedded default knows it serves no codec endpoint.
    app.setDefaultProperties(Map.of("spring.main.web-application-type", "none"));
    app.run(args);
  }
}
