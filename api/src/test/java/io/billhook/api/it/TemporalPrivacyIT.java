package io.billhook.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billhook.api.testing.ApiClient;
import io.billhook.api.testing.ApiClient.Response;
import io.billhook.core.embedded.Poll;
import io.temporal.client.WorkflowExecutionMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A full run against a real dev server (deliveries that succeed and that fail then retry to a
 * receiver echoing the request, a trial and a subscription whose timers fire, a settings rollout)
 * leaves none of the customer's data, and none of the secrets, in any run's history (as stored and
 * exported, and with every payload decrypted through the codec endpoint as ops read it), nor in the
 * logs of Billhook and of the server; a dump of Billhook's database holds no endpoint secret in
 * clear.
 */
@Timeout(360)
class TemporalPrivacyIT {
  private static final String TAG = UUID.randomUUID().toString().substring(0, 8);
  private static final String PASSWORD = "iptv-password-" + TAG;
  private static final String EMAIL = "jane.doe." + TAG + "@example.com";

  /** A run of the reports' data no history may hold: the envelope's body is gone with it. */
  private static final String NOTE = "customer-note-" + TAG;

  private static final String HEADER_SECRET = "receiver-header-secret-" + TAG;

  /** The logs of every process of the run: Billhook's and the dev server's. */
  private static final List<String> LOGS = List.of("privacy", "temporal-privacy");

  @Test
  void noCustomerDataNorSecretReachesAnyRunsHistoryOrAnyLog() throws Exception {
    Map<String, Long> logsBefore = new HashMap<>();
    for (String log : LOGS) {
      Path file = ItEnvironment.log(log);
      logsBefore.put(log, Files.exists(file) ? Files.size(file) : 0L);
    }
    try (Stack stack = Stack.start("privacy", false, Map.of());
        EchoingReceiver receiver = new EchoingReceiver()) {
      Vendors vendor = Vendors.fresh(stack.api(), "privacy");
      String apiKey = apiKey(stack.api(), vendor);
      ApiClient billing = stack.app.client(apiKey);
      JsonNode ok = endpoint(stack.api(), vendor, receiver.url("/ok"));
      JsonNode flaky = endpoint(stack.api(), vendor, receiver.url("/flaky/1"));
      String okSecret = ok.path("secret").asText();
      String flakySecret = flaky.path("secret").asText();
      List<String> reported = new ArrayList<>();
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

      report(
          reported, billing, vendor, "payment.received", "\"customerId\":\"cus_1\",\"amount\":30");
      report(
          reported,
          billing,
          vendor,
          "trial.started",
          "\"trialId\":\"t1\",\"customerId\":\"cus_1\",\"trialEnd\":\""
              + now.plusSeconds(20)
              + "\"");
      report(
          reported,
          billing,
          vendor,
          "subscription.created",
          "\"subscriptionId\":\"s1\",\"customerId\":\"cus_1\",\"productId\":\"iptv-gold\","
              + "\"currentPeriodEnd\":\""
              + now.plusSeconds(15)
              + "\"");
      vendor.settings("{\"trialExpiringLead\":\"PT5S\",\"renewalGrace\":\"PT3S\"}");

      for (String type :
          List.of(
              "payment.received",
              "trial.started",
              "trial.expiring",
              "trial.expired",
              "subscription.created",
              "subscription.expired")) {
        receiver.awaitAccepted("/ok", type, Duration.ofSeconds(90));
        receiver.awaitAccepted("/flaky/1", type, Duration.ofSeconds(90));
      }
      assertThat(receiver.all()).anyMatch(r -> r.answered() == 500);

      String[] secrets = {
        PASSWORD, EMAIL, NOTE, HEADER_SECRET, okSecret, flakySecret, apiKey, ApiClient.TOKEN
      };
      TemporalHistories histories = new TemporalHistories(stack);
      StringBuilder decrypted = new StringBuilder();
      for (WorkflowExecutionMetadata run : everyRun(stack)) {
        String workflowId = run.getExecution().getWorkflowId();
        assertThat(histories.stored(workflowId))
            .as("history of %s (%s) as exported", workflowId, run.getWorkflowType())
            .contains(vendor.id)
            .doesNotContain(EMAIL, PASSWORD, NOTE)
            .doesNotContain(reported);
        String readable = histories.readable(workflowId);
        assertThat(readable)
            .as("history of %s (%s) decrypted", workflowId, run.getWorkflowType())
            .contains(vendor.id)
            .doesNotContain(secrets);
        decrypted.append(readable);
      }
      // The decrypted payloads are read: the runs' inputs name the customer, in clear.
      assertThat(decrypted).as("every history decrypted").contains("\"customerId\":\"cus_1\"");
      assertThat(DatabaseDump.of(stack.db))
          .as("a dump of Billhook's database: envelopes, headers and secrets encrypted")
          .contains(ok.path("id").asText(), flaky.path("id").asText())
          .doesNotContain(secrets);
      for (String view : List.of("/trials/t1", "/subscriptions/s1")) {
        // Answered by a query to the entity's run: its result passes through Temporal too.
        Response queried = stack.api().get(vendor.path(view));
        assertThat(queried.body()).as(view).contains("cus_1").doesNotContain(secrets);
      }
      for (String log : LOGS) {
        assertThat(written(log, logsBefore.get(log))).as(log).doesNotContain(secrets);
      }
    }
  }

  /** What this run wrote to a log (the files are appended to across runs). */
  private static String written(String log, long from) throws IOException {
    byte[] all = Files.readAllBytes(ItEnvironment.log(log));
    return new String(all, (int) from, all.length - (int) from, StandardCharsets.UTF_8);
  }

  /** Every run on the server, once runs of all four workflow types are listed. */
  private static List<WorkflowExecutionMetadata> everyRun(Stack stack) {
    Visibility visibility = new Visibility(stack.temporal.client());
    Set<String> types =
        Set.of(
            "EventDeliveryWorkflow",
            "TrialLifecycleWorkflow",
            "SubscriptionLifecycleWorkflow",
            "SettingsRolloutWorkflow");
    List<WorkflowExecutionMetadata> runs = List.of();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      runs = visibility.list("");
      if (runs.stream()
          .map(WorkflowExecutionMetadata::getWorkflowType)
          .collect(Collectors.toSet())
          .containsAll(types)) {
        return runs;
      }
      Poll.sleep(250);
    }
    throw new AssertionError("not every workflow type ran: " + runs);
  }

  /**
   * Reports an event whose data carries the customer's credentials, e-mail and a note, and adds
   * that data's JSON to {@code reported}.
   */
  private static void report(
      List<String> reported, ApiClient billing, Vendors vendor, String type, String ids) {
    String data =
        "{"
            + ids
            + ",\"email\":\""
            + EMAIL
            + "\",\"note\":\""
            + NOTE
            + "\",\"credentials\":{\"username\":\"jane\",\"password\":\""
            + PASSWORD
            + "\"}}";
    reported.add(data);
    Response response =
        billing.post(vendor.path("/events"), "{\"type\":\"" + type + "\",\"data\":" + data + "}");
    assertThat(response.status()).as(response.body()).isEqualTo(202);
  }

  /** Creates an endpoint; its id and its signing secret. */
  private static JsonNode endpoint(ApiClient admin, Vendors vendor, String url) {
    Response created =
        admin.post(
            vendor.path("/endpoints"),
            "{\"url\":\""
                + url
                + "\",\"events\":[\"*\"],\"headers\":{\"Authorization\":\""
                + HEADER_SECRET
                + "\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json();
  }

  private static String apiKey(ApiClient admin, Vendors vendor) {
    Response issued = admin.post(vendor.path("/api-keys"), "{\"name\":\"billing\"}");
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    JsonNode key = issued.json();
    return key.path("key").asText();
  }
}
