package io.billhook.core.testing;

import io.billhook.core.config.TemporalConnection;
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
    return TemporalConnection.to(
        "in-memory Java test server", o -> o.setChannel(server.getChannel()));
  }
}
