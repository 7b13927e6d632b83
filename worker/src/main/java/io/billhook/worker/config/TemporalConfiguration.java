package io.billhook.worker.config;

import io.billhook.workflows.SearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Temporal connection: the server at {@code TEMPORAL_ADDRESS}, or else the in-process Java test
 * server with time skipping locked (real time), so that trials' timers do not jump ahead.
 */
@Configuration(proxyBeanMethods = false)
public class TemporalConfiguration {
  private static final Logger log = LoggerFactory.getLogger(TemporalConfiguration.class);

  @Bean(destroyMethod = "close")
  EmbeddedTemporal embeddedTemporal(TemporalProperties temporal) {
    return temporal.embedded()
        ? new EmbeddedTemporal(TestServer.createServer(true))
        : new EmbeddedTemporal(null);
  }

  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(
      TemporalProperties temporal, EmbeddedTemporal embedded) {
    WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder();
    if (embedded.server() != null) {
      log.info("Temporal: in-process test server (real time); set TEMPORAL_ADDRESS for a real one");
      options.setChannel(embedded.server().getChannel());
    } else {
      log.info("Temporal: {} namespace {}", temporal.address(), temporal.namespace());
      options.setTarget(temporal.address());
    }
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(options.build());
    registerSearchAttributes(stubs, temporal.namespace());
    return stubs;
  }

  @Bean
  WorkflowClient workflowClient(WorkflowServiceStubs stubs, TemporalProperties temporal) {
    return WorkflowClient.newInstance(
        stubs, WorkflowClientOptions.newBuilder().setNamespace(temporal.namespace()).build());
  }

  /**
   * Adds Billhook's search attributes where the server allows it (the dev and test servers). A
   * production cluster may refuse; then an operator adds them once (see the README).
   */
  static void registerSearchAttributes(WorkflowServiceStubs stubs, String namespace) {
    Map<String, IndexedValueType> attributes = new LinkedHashMap<>();
    SearchAttributes.ALL.forEach(
        key -> attributes.put(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(stubs.getRawChannel())
                .validateAndBuildWithDefaults());
    try {
      operator
          .blockingStub()
          .addSearchAttributes(
              AddSearchAttributesRequest.newBuilder()
                  .setNamespace(namespace)
                  .putAllSearchAttributes(attributes)
                  .build());
      log.info("Registered search attributes {}", attributes.keySet());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.ALREADY_EXISTS) {
        log.debug("Search attributes already registered");
      } else {
        log.warn(
            "Could not register search attributes {} ({}); add them on the server",
            attributes.keySet(),
            e.getStatus());
      }
    } finally {
      operator.shutdown();
    }
  }

  /** Holds the in-process server, if any, so that it is closed after the stubs. */
  record EmbeddedTemporal(TestServer.InProcessTestServer server) {
    void close() {
      if (server != null) {
        server.close();
      }
    }
  }
}
