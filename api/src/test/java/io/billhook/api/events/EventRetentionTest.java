package io.billhook.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.api.testing.ApiClient;
import io.billhook.api.testing.ApiClient.Response;
import io.billhook.api.testing.ApiTest;
import io.billhook.core.retention.RetentionPurge;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An event older than BILLHOOK_RETENTION (30 days here) still answers, without its data. */
@ApiTest
class EventRetentionTest {
  private static final String REPORT =
      "{\"id\":\"evt_aged\",\"type\":\"payment.received\",\"data\":{\"amount\":424242}}";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired RetentionPurge purge;

  @Test
  void anAgedEventKeepsItsIdTypeAndStatusAndLosesItsData() {
    String vendor = "v_" + UUID.randomUUID().toString().replace("-", "");
    String events = "/v1/vendors/" + vendor + "/events";
    ApiClient api = new ApiClient(port);
    assertThat(api.post(events, REPORT).status()).isEqualTo(202);
    jdbc.sql("UPDATE events SET created_at = now() - interval '31 days' WHERE vendor_id = ?")
        .params(vendor)
        .update();

    purge.run();

    Response event = api.get(events + "/evt_aged");
    assertThat(event.status()).isEqualTo(200);
    assertThat(event.json().path("type").asText()).isEqualTo("payment.received");
    assertThat(event.json().path("status").asText()).isEqualTo("succeeded");
    assertThat(event.json().path("data").isNull()).isTrue();
    assertThat(event.json().path("purged").asBoolean()).isTrue();
    assertThat(api.get(events).json().path("data").get(0).path("purged").asBoolean()).isTrue();
    Response repeat = api.post(events, REPORT);
    assertThat(repeat.status()).isEqualTo(200);
    assertThat(repeat.body())
        .contains("\"id\":\"evt_aged\"", "\"data\":null")
        .doesNotContain("424242");
  }
}
