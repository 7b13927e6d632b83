package io.billhook.core.config;

import io.billhook.core.codec.EmbeddedCodecEndpoint;
import io.billhook.core.embedded.DataDirectory;
import io.billhook.core.embedded.EmbeddedProperties;
import io.billhook.core.embedded.TemporalDevServer;
import io.billhook.core.metrics.TemporalMetrics;
import io.billhook.workflows.SearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The Temporal connection: the server at {@code TEMPORAL_ADDRESS}, or else the embedded default's
 * own Temporal dev server, a supervised child process persisting under the data dir.
 */
@Configuration(proxyBeanMethods = false)
public class TemporalConfiguration {
  private static final Logger log = LoggerFactory.getLogger(TemporalConfiguration.class);

  /**
   * Absent only where another configuration provides the connection ({@code
   * billhook.temporal-provided=true}, the tests' in-memory server).
   */
  @Bean
  @ConditionalOnProperty(
      name = "billhook.temporal-provided",
      havingValue = "false",
      matchIfMissing = true)
  TemporalConnection temporalConnection(
      TemporalProperties temporal,
      DataDirectory data,
      EmbeddedProperties embedded,
      Environment environment) {
    if (temporal.embedded()) {
      return new TemporalDevServer(data, embedded, EmbeddedCodecEndpoint.url(environment));
    }
    return TemporalConnection.to(temporal.address(), o -> o.setTarget(temporal.address()));
  }

  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(
      TemporalProperties temporal, TemporalConnection connection, TemporalMetrics metrics) {
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder().setMetricsScope(metrics.scope());
    connection.configure(options);
    log.info("Temporal: {}, namespace {}", connection.describe(), temporal.namespace());
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(options.build());
    connection.awaitReady(stubs, temporal.namespace());
    if (!connection.registersSearchAttributes()) {
      registerSearchAttributes(stubs, temporal.namespace());
    }
    return stubs;
  }

  /** The one client, its payloads encrypted (workers are built on it, so they agree). */
  @Bean
  WorkflowClient workflowClient(
      WorkflowServiceStubs stubs, TemporalProperties temporal, DataConverter payloadConverter) {
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(temporal.namespace())
            .setDataConverter(payloadConverter)
            .build());
  }

  /**
   * Adds Billhook's search attributes where the server allows it (the dev and test servers). A
   * production cluster may refuse; then an operator adds them once (docs/operations.md, "Search
   * attributes on your own cluster").
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
}
