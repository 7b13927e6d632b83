package io.billhook.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.billhook.api.input.StrictJson;
import io.billhook.api.testing.CallersTerms;
import io.billhook.api.testing.EdgeSliceApplication;
import io.billhook.core.codec.PayloadCodecService;
import io.billhook.core.config.BillhookProperties;
import io.billhook.core.endpoints.EndpointService;
import io.billhook.core.events.EventIngestion;
import io.billhook.core.events.EventQueries;
import io.billhook.core.health.EndpointHealth;
import io.billhook.core.keys.ApiKeys;
import io.billhook.core.lifecycle.LifecycleViews;
import io.billhook.core.lifecycle.SettingsChanges;
import io.billhook.core.redelivery.Redeliveries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * PostgreSQL is down: a vendor key cannot be checked and keys cannot be managed, and the caller is
 * told so (503, retry) in its own terms, never a 500 or the driver's words. The admin token is
 * configuration and still works. The real key service and store run against a closed loopback port.
 */
@WebMvcTest
@ContextConfiguration(
    classes = {EdgeSliceApplication.class, KeyStoreOutageTest.ClosedDatabase.class})
@Import({ApiSecurity.class, StrictJson.class})
@ImportAutoConfiguration({
  SecurityAutoConfiguration.class,
  ServletWebSecurityAutoConfiguration.class,
  SecurityFilterAutoConfiguration.class
})
@ExtendWith(OutputCaptureExtension.class)
class KeyStoreOutageTest {
  private static final String ADMIN = "outage-admin-token";
  private static final String KEY = "bhk_" + "Lk3hQ9zXw2Vb7RtY" + "s".repeat(42) + "Q";
  private static final Pattern DRIVER_WORDS =
      Pattern.compile("sql|jdbc|postgres|hikari|connection|refused|127\\.0\\.0\\.1");

  @MockitoBean Redeliveries redeliveries;
  @MockitoBean EndpointHealth health;
  @Autowired MockMvc mvc;
  @MockitoBean EndpointService endpoints;
  @MockitoBean EventQueries queries;
  @MockitoBean EventIngestion ingestion;
  @MockitoBean SettingsChanges settings;
  @MockitoBean LifecycleViews views;
  @MockitoBean PayloadCodecService codec;

  @Test
  void aVendorKeyThatCannotBeCheckedIsAnsweredRetryLater(CapturedOutput log) {
    MockHttpServletResponse response = send("GET", "/v1/event-types", KEY);

    assertUnavailable(response, "the API key could not be checked");
    assertThat(response.getHeader("Retry-After")).isEqualTo("5");
    assertThat(response.getHeader("WWW-Authenticate")).isNull();
    assertThat(count(log.getOut(), "WARN.*PostgreSQL failed while checking an API key"))
        .as(log.getOut())
        .isEqualTo(1);
    assertThat(log.getAll()).doesNotContain(KEY).doesNotContain(KEY.substring(20));
    assertThat(log.getAll()).doesNotContain("ERROR");
  }

  @Test
  void theAdminTokenAndWrongTokensNeedNoDatabase() {
    assertThat(send("GET", "/v1/event-types", ADMIN).getStatus()).isEqualTo(200);

    MockHttpServletResponse wrong = send("GET", "/v1/event-types", "not-a-key");
    assertThat(wrong.getStatus()).isEqualTo(401);
    assertThat(wrong.getHeader("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
  }

  @Test
  void keysCannotBeManagedWhileTheDatabaseIsDown(CapturedOutput log) {
    String keys = "/v1/vendors/acme/api-keys";

    assertUnavailable(send("POST", keys, ADMIN), "the API key was not made");
    assertUnavailable(send("GET", keys, ADMIN), "the API keys could not be listed");
    assertUnavailable(send("DELETE", keys + "/key_Lk3hQ9zXw2Vb7RtY", ADMIN), "was not revoked");
    assertThat(count(log.getOut(), "WARN.*PostgreSQL failed while")).isEqualTo(3);
    assertThat(log.getAll()).doesNotContain("ERROR");
  }

  private static void assertUnavailable(MockHttpServletResponse response, String outcome) {
    String body = contentOf(response);
    assertThat(response.getStatus()).as(body).isEqualTo(503);
    assertThat(response.getContentType()).startsWith("application/problem+json");
    assertThat(body).contains(outcome, "because the database is unavailable; retry the request");
    assertThat(DRIVER_WORDS.matcher(body.toLowerCase()).find()).as(body).isFalse();
    CallersTerms.assertPlain(body);
  }

  private MockHttpServletResponse send(String method, String path, String bearer) {
    try {
      return mvc.perform(
              request(HttpMethod.valueOf(method), path)
                  .header("Authorization", "Bearer " + bearer)
                  .header("Content-Type", "application/json")
                  .content(method.equals("POST") ? "{\"name\":\"sync\"}" : ""))
          .andReturn()
          .getResponse();
    } catch (Exception e) {
      throw new AssertionError(method + " " + path + " threw", e);
    }
  }

  private static String contentOf(MockHttpServletResponse response) {
    try {
      return response.getContentAsString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int count(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    int found = 0;
    while (matcher.find()) {
      found++;
    }
    return found;
  }

  /** The key service and its store, over a PostgreSQL address where nothing listens. */
  @TestConfiguration(proxyBeanMethods = false)
  @ComponentScan(basePackageClasses = ApiKeys.class)
  static class ClosedDatabase {
    @Bean
    DataSource closedDatabase() {
      return new DriverManagerDataSource(
          "jdbc:postgresql://127.0.0.1:" + closedPort() + "/billhook?connectTimeout=2");
    }

    @Bean
    JdbcClient jdbc(DataSource database) {
      return JdbcClient.create(database);
    }

    @Bean
    TransactionTemplate transactions(DataSource database) {
      return new TransactionTemplate(new DataSourceTransactionManager(database));
    }

    @Bean
    ApiToken apiToken() {
      return new ApiToken(
          new BillhookProperties(
              null,
              ADMIN,
              "target/test-data/outage",
              Duration.ofSeconds(15),
              null,
              null,
              null,
              false,
              1,
              Duration.ofSeconds(1),
              null));
    }

    /** A loopback port that was free a moment ago, so that connecting to it is refused. */
    private static int closedPort() {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
