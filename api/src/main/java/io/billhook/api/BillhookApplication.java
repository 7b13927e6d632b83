package io.billhook.api;

import io.billhook.core.CoreModule;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * Billhook in one JVM: the REST API, the workers, and (unless configured otherwise) an in-process
 * Temporal server and an embedded PostgreSQL.
 */
@SpringBootApplication
@Import(CoreModule.class)
public class BillhookApplication {
  public static void main(String[] args) {
    SpringApplication.run(BillhookApplication.class, args);
  }
}
