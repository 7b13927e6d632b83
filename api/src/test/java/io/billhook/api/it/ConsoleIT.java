package io.billhook.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billhook.api.testing.ApiClient;
import io.billhook.testkit.Receiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The vendor's Webhooks page: a real Chromium uses Billhook's console at /console/ with a vendor's
 * API key to add an endpoint, copy its secret, send a test, add a Discord channel (played by a
 * loopback receiver) and see the message posted, and repair a failing endpoint, and the admin token
 * to link a run to the Temporal UI; every page passes an accessibility check
 * (ui-tests/console.mjs). Screenshots go to api/target/console-screenshots.
 */
@ExtendWith(SharedStack.class)
@Timeout(480)
class ConsoleIT {
  private static final String DISCORD_PATH = "/api/webhooks/123/abc";
  private final Stack stack;

  ConsoleIT(Stack stack) {
    this.stack = stack;
  }

  @BeforeAll
  static void needsChromium() {
    UiScripts.requireChromium(ConsoleIT.class, "the console test");
  }

  @Test
  void aVendorSetsUpTestsAndRepairsItsWebhooksWithOnlyItsKey() throws Exception {
    ApiClient admin = stack.api();
    Vendors vendor = Vendors.fresh(admin, "console");
    String key =
        admin.post(vendor.path("/api-keys"), "{\"name\":\"console\"}").json().path("key").asText();
    try (Receiver ok = Receiver.start();
        Receiver gone = Receiver.start()) {
      gone.answer(410);
      useTheConsole(vendor, key, ok, gone);
    }
  }

  private void useTheConsole(Vendors vendor, String key, Receiver ok, Receiver gone)
      throws Exception {
    // A receiver that answers 410 Gone: Billhook fails the delivery and disables the endpoint.
    ApiClient asVendor = stack.app.client(key);
    JsonNode failing =
        asVendor
            .post(
                vendor.path("/endpoints"),
                "{\"url\":\""
                    + gone.url("/old")
                    + "\",\"events\":[\"*\"],"
                    + "\"description\":\"Billing <img src=x onerror=alert(1)>\"}")
            .json();
    String event = "evt_console_xss";
    vendor.accepted(
        event, "payment.failed", "{\"customerId\":\"<img src=x onerror=alert(document.domain)>\"}");
    vendor.awaitEventStatus(event, "failed", Duration.ofSeconds(30));
    String trial = "tr_console";
    vendor.accepted(
        null,
        "trial.started",
        "{\"trialId\":\""
            + trial
            + "\",\"customerId\":\"cus_console\",\"trialEnd\":\""
            + Instant.now().plus(Duration.ofDays(7))
            + "\"}");

    Path screenshots = UiScripts.emptied(ItEnvironment.workDir("console-screenshots"));
    List<String> args =
        List.of(
            "--app", stack.app.url(),
            "--vendor", vendor.id,
            "--key", key,
            "--admin-token", ApiClient.TOKEN,
            "--receiver-url", ok.url("/hook"),
            "--discord-url", ok.url(DISCORD_PATH),
            "--failing-endpoint", failing.path("id").asText(),
            "--fixed-url", ok.url("/fixed"),
            "--event", event,
            "--trial", trial,
            "--temporal-ui", stack.temporal.uiUrl(),
            "--screenshots", screenshots.toString(),
            "--chromium", UiScripts.CHROMIUM.toString());
    UiScripts.Result result = UiScripts.run("console.mjs", args);

    System.out.println("console.mjs:\n" + result.output());
    assertThat(result.exitCode()).as(result.output()).isZero();
    // What the browser did reached the receivers: the test event, signed.
    assertThat(
            ok.await(
                "the console's test event",
                d -> "webhook.test".equals(d.type()) && d.path().equals("/hook"),
                Duration.ofSeconds(5)))
        .isNotNull();
    // The Discord test reached the stand-in as a chat message, unsigned.
    Receiver.Delivery posted =
        ok.await(
            "the console's Discord test",
            d -> d.path().equals(DISCORD_PATH),
            Duration.ofSeconds(5));
    assertThat(posted.json().has("embeds")).as(posted.body()).isTrue();
    assertThat(posted.headers().keySet())
        .noneMatch(name -> name.toLowerCase(Locale.ROOT).contains("signature"));
    try (Stream<Path> files = Files.list(screenshots)) {
      assertThat(files.filter(f -> f.toString().endsWith(".png")).count())
          .isGreaterThanOrEqualTo(9);
    }
  }
}
