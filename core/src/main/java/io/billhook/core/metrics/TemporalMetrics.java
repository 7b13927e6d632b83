package io.billhook.core.metrics;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import com.uber.m3.util.Duration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The Temporal SDK's own metrics (requests, polls, schedule-to-start latencies, worker slots) in
 * the application's registry: the SDK reports through a tally scope, which forwards to Micrometer.
 * Given to the service stubs, it reaches the client and the workers built on them.
 */
@Component
public class TemporalMetrics implements AutoCloseable {
  private final Scope scope;

  public TemporalMetrics(ObjectProvider<MeterRegistry> registry) {
    this.scope =
        new RootScopeBuilder()
            .reporter(new CachedTimersReporter(MeterRegistries.of(registry)))
            .reportEvery(Duration.ofSeconds(10));
  }

  public Scope scope() {
    return scope;
  }

  @Override
  public void close() throws ScopeCloseException {
    scope.close();
  }
}
