package io.billhook.core.delivery;

import io.billhook.core.endpoints.GuardedDns;
import io.billhook.core.endpoints.UrlPolicy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/** The OkHttp client that delivers webhooks; the app and the tests build it the same way. */
public final class WebhookHttpClient {
  private WebhookHttpClient() {}

  /**
   * A guarded client (see {@link GuardedDns}) whose only limit is {@code budget} for the whole
   * call: OkHttp's own connect, read and write timeouts (10 s each by default) are off, so a
   * receiver that answers in 12 s of a 15 s budget succeeds. Calls are synchronous (an activity's
   * thread waits), so the dispatcher is unused; the pool keeps at most {@code maxIdleConnections}
   * idle.
   */
  public static OkHttpClient create(UrlPolicy policy, Duration budget, int maxIdleConnections) {
    return new GuardedDns(policy)
        .install(new OkHttpClient.Builder())
        .callTimeout(budget)
        .connectTimeout(Duration.ZERO)
        .readTimeout(Duration.ZERO)
        .writeTimeout(Duration.ZERO)
        .retryOnConnectionFailure(false)
        // Racing connections (happy eyeballs) runs on OkHttp's own unbounded thread pool; without
        // it a connect runs on the attempt's thread, so threads stay bounded by the worker's slots.
        .fastFallback(false)
        .connectionPool(new ConnectionPool(maxIdleConnections, 1, TimeUnit.MINUTES))
        .build();
  }
}
