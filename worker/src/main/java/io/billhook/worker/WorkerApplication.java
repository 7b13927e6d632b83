package io.billhook.worker;

import io.billhook.worker.config.WorkerModule;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The worker alone (no REST API): polls Billhook's task queue on the Temporal server named. */
@SpringBootApplication
@Import(WorkerModule.class)
public class WorkerApplication {
  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(WorkerApplication.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    app.run(args);
  }
}
