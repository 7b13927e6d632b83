package io.billhook.api.auth;

import io.billhook.core.config.TemporalConnection;
import io.billhook.core.embedded.TemporalDevServer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says at each start, on the console, where the API and the Temporal UI are, and the token. */
@Component
class StartupBanner {
  private final ApiToken token;
  private final ObjectProvider<TemporalConnection> temporal;

  StartupBanner(ApiToken token, ObjectProvider<TemporalConnection> temporal) {
    this.token = token;
    this.temporal = temporal;
  }

  @EventListener
  void onStarted(WebServerInitializedEvent event) {
    String url = "http://localhost:" + event.getWebServer().getPort() + "/v1";
    String tokenLine =
        token.generated()
            ? "API token:   " + token.value() + "   (kept in " + token.file() + ")"
            : "API token:   the value of BILLHOOK_API_TOKEN";
    String temporalLine =
        temporal.getIfAvailable() instanceof TemporalDevServer devServer
            ? "Temporal UI: " + devServer.uiUrl() + "   (gRPC " + devServer.address() + ")"
            : "Temporal:    " + describe(temporal.getIfAvailable());
    // The console, not the log: the generated token is a secret and must not reach log files.
    System.out.println(
        "\n  Billhook is up.\n  API:         "
            + url
            + "\n  "
            + temporalLine
            + "\n  "
            + tokenLine
            + "\n");
  }

  private static String describe(TemporalConnection connection) {
    return connection == null ? "not connected" : connection.describe();
  }
}
