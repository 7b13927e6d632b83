package io.billhook.api.auth;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says once, on the console, where the API is and which token to use. */
@Component
class StartupBanner {
  private final ApiToken token;

  StartupBanner(ApiToken token) {
    this.token = token;
  }

  @EventListener
  void onStarted(WebServerInitializedEvent event) {
    String url = "http://localhost:" + event.getWebServer().getPort() + "/v1";
    String tokenLine =
        token.generated()
            ? "API token:  " + token.value() + "   (generated; set BILLHOOK_API_TOKEN to fix one)"
            : "API token:  the value of BILLHOOK_API_TOKEN";
    // The console, not the log: the generated token is a secret and must not reach log files.
    System.out.println("\n  Billhook is up.\n  API:        " + url + "\n  " + tokenLine + "\n");
  }
}
