package io.billhook.api.testing;

import io.billhook.core.testing.InMemoryTemporal;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

/**
 * Boots the embedded default with the in-memory Temporal test server (in place of the dev server
 * child) and an embedded PostgreSQL on a random port. Every test class with this annotation shares
 * the one application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "billhook.api-token=" + ApiClient.TOKEN,
      "billhook.data-dir=target/test-data/${random.uuid}",
      "billhook.temporal-provided=true"
    })
@Import(InMemoryTemporal.class)
public @interface ApiTest {}
