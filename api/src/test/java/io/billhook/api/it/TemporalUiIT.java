package io.billhook.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.testkit.DevServer;
import io.billhook.testkit.Ports;
import io.billhook.testkit.Receiver;
import io.temporal.api.common.v1.Payload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What ops see: a real Chromium opens the dev server's Temporal UI, finds runs by search-attribute
 * queries, and reads their summaries, the delivery activity, and why a delivery failed or retries
 * (ui-tests/temporal-ui.mjs). Payloads are encrypted: the embedded default's UI decodes them
 * through Billhook's codec endpoint; a UI without it (the shared stack's dev server) shows the same
 * run's input as ciphertext. Screenshots go to api/target/ui-screenshots*.
 */
@ExtendWith(SharedStack.class)
@Timeout(480)
class TemporalUiIT {
  private final Stack stack;
  private final List<Receiver> receivers = new ArrayList<>();

  TemporalUiIT(Stack stack) {
    this.stack = stack;
  }

  /** Before the shared stack is booted for this class: a skip costs nothing. */
  @BeforeAll
  static void needsChromium() {
    UiScripts.requireChromium(TemporalUiIT.class, "the Temporal UI test");
  }

  @AfterEach
  void tearDown() {
    receivers.forEach(Receiver::close);
  }

  @Test
  void withoutTheCodecEndpointTheUiShowsCiphertextButStillWhyRunsFailed() throws Exception {
    findRunsInTheUi(stack.api(), stack.temporal.uiUrl(), "ui-screenshots", false);
  }

  /** The same, in the UI of the embedded default's own Temporal (the README's run command). */
  @Test
  void theEmbeddedDefaultServesItsOwnTemporalUi() throws Exception {
    Path dataDir = ItEnvironment.dataDir("embedded-ui");
    int uiPort = Ports.free();
    try (BillhookProcess app =
        BillhookProcess.embedded(
            "embedded-ui",
            dataDir,
            Map.of(
                "BILLHOOK_TEMPORAL_PORT", Integer.toString(Ports.free()),
                "BILLHOOK_TEMPORAL_UI_PORT", Integer.toString(uiPort)))) {
      app.start();
      findRunsInTheUi(
          app.client(app.bannerToken()),
          "http://127.0.0.1:" + uiPort,
          "ui-screenshots-embedded",
          true);
    }
  }

  private void findRunsInTheUi(
      io.billhook.api.testing.ApiClient api, String uiUrl, String screenshotDir, boolean codec)
      throws Exception {
    Receiver ok = receiver(200, null);
    Vendors delivered = Vendors.fresh(api, "ui-ok");
    delivered.endpoint(ok.url("/hook"));
    delivered.accepted("evt_ui_ok", "payment.received", "{\"customerId\":\"cus_ui\"}");
    Receiver gone = receiver(410, null);
    Vendors failed = Vendors.fresh(api, "ui-gone");
    failed.endpoint(gone.url("/gone"));
    failed.accepted("evt_ui_gone", "payment.failed", "{\"customerId\":\"cus_ui\"}");
    Receiver busy = receiver(503, "3600");
    Vendors retrying = Vendors.fresh(api, "ui-retry");
    retrying.endpoint(busy.url("/busy"));
    retrying.accepted("evt_ui_busy", "invoice.created", "{\"customerId\":\"cus_ui\"}");
    delivered.awaitEventStatus("evt_ui_ok", "succeeded", Duration.ofSeconds(30));
    failed.awaitEventStatus("evt_ui_gone", "failed", Duration.ofSeconds(30));
    busy.await("a 503", d -> true, Duration.ofSeconds(30));

    Path screenshots = UiScripts.emptied(ItEnvironment.workDir(screenshotDir));
    List<String> args = new ArrayList<>(List.of("--ui", uiUrl, "--namespace", DevServer.NAMESPACE));
    args.addAll(run("delivered", delivered, "EventType = 'payment.received'", "evt_ui_ok"));
    args.addAll(List.of("--summary", "payment.received for " + delivered.id + " → 1 endpoint"));
    args.addAll(List.of("--activity", "POST " + ok.url("/hook")));
    args.addAll(run("failed", failed, "ExecutionStatus = 'Failed'", "evt_ui_gone"));
    args.addAll(List.of("--failure", "HTTP 410 from " + gone.url("/gone")));
    args.addAll(run("retrying", retrying, "ExecutionStatus = 'Running'", "evt_ui_busy"));
    args.addAll(List.of("--pending", "HTTP 503 from " + busy.url("/busy")));
    args.addAll(List.of("--input", "\"eventId\": \"evt_ui_ok\""));
    if (codec) {
      // An activity's summary is a payload too: without the codec it is ciphertext.
      args.addAll(List.of("--retrying-activity", "POST " + busy.url("/busy")));
    } else {
      args.addAll(List.of("--encrypted", "--ciphertext", storedInput(delivered, "evt_ui_ok")));
    }
    args.addAll(
        List.of(
            "--screenshots", screenshots.toString(), "--chromium", UiScripts.CHROMIUM.toString()));
    UiScripts.Result result = UiScripts.run("temporal-ui.mjs", args);

    System.out.println("temporal-ui.mjs:\n" + result.output());
    assertThat(result.exitCode()).as(result.output()).isZero();
    try (Stream<Path> files = Files.list(screenshots)) {
      assertThat(files.filter(f -> f.toString().endsWith(".png")).count())
          .isGreaterThanOrEqualTo(codec ? 9 : 6);
    }
  }

  /** The start of the run's input as Temporal stores it: encrypted, in base64. */
  private String storedInput(Vendors vendor, String eventId) {
    Payload input =
        stack
            .temporal
            .client()
            .fetchHistory("event/" + vendor.id + "/" + eventId)
            .getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getInput()
            .getPayloads(0);
    assertThat(input.getMetadataOrThrow("encoding").toStringUtf8()).isEqualTo("binary/encrypted");
    assertThat(input.getData().toStringUtf8()).doesNotContain(eventId);
    return Base64.getEncoder().encodeToString(input.getData().toByteArray()).substring(0, 40);
  }

  /** The query that finds one run of a vendor in the UI, and the id of the run it must list. */
  private static List<String> run(String kind, Vendors vendor, String condition, String eventId) {
    return List.of(
        "--" + kind + "-query",
        "VendorId = '" + vendor.id + "' AND " + condition,
        "--" + kind + "-id",
        "event/" + vendor.id + "/" + eventId);
  }

  private Receiver receiver(int status, String retryAfter) {
    Receiver receiver = Receiver.start();
    receiver.answer(status, retryAfter);
    receivers.add(receiver);
    return receiver;
  }
}
