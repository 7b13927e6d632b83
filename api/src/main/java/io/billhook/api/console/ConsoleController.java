package io.billhook.api.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.billhook.api.auth.ApiCaller;
import io.billhook.core.config.TemporalConnection;
import io.billhook.core.config.TemporalProperties;
import io.billhook.core.embedded.TemporalDevServer;
import java.net.URI;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the console's user signed in as: a vendor's key names its vendor; the admin token also learns
 * where the Temporal UI is (the embedded dev server's, or {@code BILLHOOK_TEMPORAL_UI_URL}), to
 * link a run to its page.
 */
@RestController
class ConsoleController {
  private final ObjectProvider<TemporalConnection> temporal;
  private final ObjectProvider<TemporalProperties> properties;
  private final String configuredUi;

  ConsoleController(
      ObjectProvider<TemporalConnection> temporal,
      ObjectProvider<TemporalProperties> properties,
      @Value("${billhook.temporal-ui-url:}") String configuredUi) {
    this.temporal = temporal;
    this.properties = properties;
    this.configuredUi = configuredUi;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Caller(String caller, String vendorId, TemporalUi temporalUi) {}

  record TemporalUi(String url, String namespace) {}

  @GetMapping("/v1/console")
  Caller caller(Authentication authentication) {
    if (authentication != null
        && authentication.getPrincipal() instanceof ApiCaller.VendorKey key) {
      return new Caller("vendor", key.vendorId(), null);
    }
    String url = uiUrl();
    return new Caller("admin", null, url == null ? null : new TemporalUi(url, namespace()));
  }

  private String uiUrl() {
    if (!configuredUi.isBlank()) {
      return webAddress(configuredUi.strip());
    }
    return temporal.getIfAvailable() instanceof TemporalDevServer devServer
        ? devServer.uiUrl()
        : null;
  }

  /** Only an absolute http(s) address becomes a link; anything else is not shown. */
  private static String webAddress(String value) {
    try {
      URI uri = URI.create(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean web = (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
      return web ? value.replaceAll("/+$", "") : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private String namespace() {
    TemporalProperties p = properties.getIfAvailable();
    return p == null || p.namespace() == null || p.namespace().isBlank()
        ? "default"
        : p.namespace();
  }
}
