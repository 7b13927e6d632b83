package io.billhook.core.testing;

import io.billhook.core.config.TemporalConnection;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * For Spring tests: the in-memory Java test server (real time, so timers do not jump ahead) in
 * place of the embedded default's dev server. Use with {@code billhook.temporal-provided=true}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class InMemoryTemporal {

  @Bean(destroyMethod = "close")
  TestServer.InProcessTestServer inMemoryTemporalServer() {
    return TestServer.createServer(true);
  }

  @Bean
  TemporalConnection temporalConnection(TestServer.InProcessTestServer server) {
    return new TemporalConnection() {
      @Override
      public void configure(WorkflowServiceStubsOptions.Builder options) {
        options.setChannel(server.getChannel());
      }

      @Override
      public String describe() {
        return "in-memory Java test server";
      }
    };
  }
}
