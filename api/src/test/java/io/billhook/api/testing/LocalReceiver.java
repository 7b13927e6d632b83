package io.billhook.api.testing;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A webhook receiver on loopback for each test, closed after it: answer with {@link #enqueue}, read
 * deliveries with {@link #takeRequest}. Register it as a {@code @RegisterExtension} field.
 */
public final class LocalReceiver implements BeforeEachCallback, AfterEachCallback {
  private MockWebServer server;

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    server.close();
  }

  public void enqueue(MockResponse response) {
    server.enqueue(response);
  }

  /** Answers the next {@code times} deliveries with 200. */
  public void acceptNext(int times) {
    for (int i = 0; i < times; i++) {
      server.enqueue(new MockResponse.Builder().code(200).build());
    }
  }

  public HttpUrl url(String path) {
    return server.url(path);
  }

  /** The next delivery, or null if none arrives within the time given. */
  public RecordedRequest takeRequest(long timeout, TimeUnit unit) throws InterruptedException {
    return server.takeRequest(timeout, unit);
  }
}
