package io.billhook.core.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billhook.core.refusals.Refusal;
import io.billhook.core.testing.Endpoints;
import io.billhook.core.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An endpoint's custom headers as PostgreSQL holds them: encrypted and bound to the endpoint; plain
 * ones written before still read; ones copied to another endpoint are refused.
 */
class HeadersAtRestTest {
  private static final String TOKEN = "Bearer rcv_t0ken_\u00e9\"quoted\"";
  private static final Map<String, String> HEADERS =
      Map.of("Authorization", TOKEN, "X-Tenant", "north");

  private final JdbcClient jdbc = TestDatabase.jdbc();
  private final EndpointStore store = Endpoints.store(jdbc);

  @BeforeEach
  void empty() {
    TestDatabase.clear();
  }

  @Test
  void theRowHoldsNoHeaderValueAndTheEndpointReadsThemBack() {
    Endpoint e = withHeaders("http://127.0.0.1:9/a", HEADERS);

    String row = jdbc.sql("SELECT e::text FROM endpoints e").query(String.class).single();
    assertThat(row).doesNotContain("rcv_t0ken").doesNotContain("north");
    assertThat(store.find("acme", e.id()).orElseThrow().headers()).isEqualTo(HEADERS);

    store.update(e.toBuilder().setHeaders(Map.of("Authorization", "Bearer next")).build());
    assertThat(jdbc.sql("SELECT headers::text FROM endpoints").query(String.class).single())
        .doesNotContain("next");
    assertThat(store.find("acme", e.id()).orElseThrow().headers())
        .containsExactly(Map.entry("Authorization", "Bearer next"));
  }

  @Test
  void plainHeadersWrittenBeforeStillRead() {
    Endpoint e = withHeaders("http://127.0.0.1:9/a", HEADERS);
    jdbc.sql("UPDATE endpoints SET headers = '{\"Authorization\": \"Bearer old\"}'::jsonb")
        .update();

    assertThat(store.find("acme", e.id()).orElseThrow().headers())
        .containsExactly(Map.entry("Authorization", "Bearer old"));
  }

  @Test
  void headersCopiedToAnotherEndpointAreRefused() {
    Endpoint a = withHeaders("http://127.0.0.1:9/a", HEADERS);
    Endpoint b = withHeaders("http://127.0.0.1:9/b", Map.of());
    jdbc.sql(
            "UPDATE endpoints SET headers = (SELECT headers FROM endpoints WHERE id = ?)"
                + " WHERE id = ?")
        .params(a.id(), b.id())
        .update();

    assertThatThrownBy(() -> store.find("acme", b.id()))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.CONFLICT))
        .hasMessageContaining("headers of endpoint " + b.id())
        .hasMessageNotContaining("rcv_t0ken");
    assertThat(store.find("acme", a.id()).orElseThrow().headers()).isEqualTo(HEADERS);
  }

  private Endpoint withHeaders(String url, Map<String, String> headers) {
    Endpoint e = Endpoints.create(store, "acme", url);
    Endpoint changed = e.toBuilder().setHeaders(headers).build();
    store.update(changed);
    return changed;
  }
}
