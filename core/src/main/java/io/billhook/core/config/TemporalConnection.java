package io.billhook.core.config;

import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.function.Consumer;

/** Where the Temporal client connects: a server named by address, or one Billhook runs. */
public interface TemporalConnection {
  /** Points the service stubs at the server. */
  void configure(WorkflowServiceStubsOptions.Builder options);

  /** Returns once the server answers for the namespace (a child just started may still boot). */
  default void awaitReady(WorkflowServiceStubs stubs, String namespace) {}

  /** Whether the server was started with Billhook's search attributes already registered. */
  default boolean registersSearchAttributes() {
    return false;
  }

  /** For the start-up log: what this connection is. */
  String describe();

  /** A server that is already running, reached the way {@code configure} says. */
  static TemporalConnection to(
      String description, Consumer<WorkflowServiceStubsOptions.Builder> configure) {
    return new TemporalConnection() {
      @Override
      public void configure(WorkflowServiceStubsOptions.Builder options) {
        configure.accept(options);
      }

      @Override
      public String describe() {
        return description;
      }
    };
  }
}
