package io.billhook.api.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billhook.api.testing.ApiClient;
import io.billhook.api.testing.ApiClient.Response;
import io.billhook.api.testing.ApiTest;
import io.billhook.core.delivery.DeliveryActivitiesImpl;
import io.billhook.core.endpoints.EndpointStore;
import io.billhook.core.events.EventPublisher;
import io.billhook.core.events.EventStore;
import io.billhook.core.lifecycle.EntityPresence;
import io.billhook.core.lifecycle.EntityRebuilder;
import io.billhook.core.lifecycle.EntityRecord;
import io.billhook.core.lifecycle.LifecycleActivitiesImpl;
import io.billhook.core.lifecycle.LifecycleReconciler;
import io.billhook.core.lifecycle.LifecycleRegistry;
import io.billhook.core.lifecycle.LifecycleReportStore;
import io.billhook.core.lifecycle.LifecycleWorkflows;
import io.billhook.core.lifecycle.TrialConversions;
import io.billhook.core.lifecycle.VendorSettingsStore;
import io.billhook.workflows.SearchAttributes;
import io.billhook.workflows.TaskQueues;
import io.billhook.workflows.delivery.EventDeliveryWorkflowImpl;
import io.billhook.workflows.delivery.RetrySchedule;
import io.billhook.workflows.lifecycle.SubscriptionLifecycleWorkflow;
import io.billhook.workflows.lifecycle.SubscriptionLifecycleWorkflowImpl;
import io.billhook.workflows.lifecycle.TrialLifecycleWorkflow;
import io.billhook.workflows.lifecycle.TrialLifecycleWorkflowImpl;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Temporal loses everything (a fresh test server on the same PostgreSQL): the reconciler rebuilds
 * every trial and subscription from its stored reports; their timers fire once, and nothing that
 * was delivered before the loss is delivered again.
 */
@ApiTest
class LifecycleReconcilerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired WorkflowClient temporal;
  @Autowired EndpointStore endpoints;
  @Autowired EventStore events;
  @Autowired RetrySchedule schedule;
  @Autowired DeliveryActivitiesImpl delivery;
  @Autowired LifecycleReportStore reports;
  @Autowired LifecycleRegistry registry;
  @Autowired VendorSettingsStore settings;
  @Autowired EntityRecord ends;
  @Autowired JdbcClient jdbc;

  private final MockWebServer receiver = new MockWebServer();
  private TestWorkflowEnvironment fresh;
  private ApiClient api;
  private String vendorId;
  private String vendor;

  @BeforeEach
  void setUp() throws Exception {
    receiver.start();
    for (int i = 0; i < 30; i++) {
      receiver.enqueue(new MockResponse.Builder().code(200).build());
    }
    api = new ApiClient(port);
    vendorId = "rec-" + UUID.randomUUID().toString().substring(0, 8);
    vendor = "/v1/vendors/" + vendorId;
    api.post(
        vendor + "/endpoints", "{\"url\":\"" + receiver.url("/hook") + "\",\"events\":[\"*\"]}");
    api.put(vendor + "/settings", "{\"trialExpiringLead\":\"PT10S\",\"renewalGrace\":\"PT3S\"}");
  }

  @AfterEach
  void tearDown() {
    receiver.close();
    if (fresh != null) {
      fresh.close();
    }
  }

  @Test
  void rebuildsLostEntitiesFromStoredReportsWithoutDeliveringAnythingTwice() throws Exception {
    Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant far = base.plus(Duration.ofDays(30));
    report("evt_t1", "trial.started", trial("t1", base.plusSeconds(16)));
    report("evt_s1", "subscription.created", subscription("s1", base.plusSeconds(8), null));
    report("evt_r1", "subscription.renewed", subscription("s1", base.plusSeconds(12), null));
    report("evt_t2", "trial.started", trial("t2", far));
    report("evt_s2", "subscription.created", subscription("s2", far, "t2"));
    // t1's warning is due at once (its lead is longer than what is left) and goes out now.
    List<String> before = deliveries(6, base.plusSeconds(8));
    assertThat(before)
        .containsExactlyInAnyOrder(
            "trial.started t1",
            "subscription.created s1",
            "subscription.renewed s1",
            "trial.started t2",
            "subscription.created s2",
            "trial.expiring t1");
    loseTemporal("trial/" + vendorId + "/t1", "subscription/" + vendorId + "/s1");
    loseTemporal("subscription/" + vendorId + "/s2");
    registry.add(vendorId, LifecycleRegistry.TRIAL, "t-lost");

    LifecycleReconciler reconciler = reconcilerOnFreshTemporal();
    int repaired = reconciler.reconcile();

    // Other tests' entities share the database: at least t1, s1 and s2 (t2 is converted, t-lost
    // has no reports).
    assertThat(repaired).isGreaterThanOrEqualTo(3);
    WorkflowClient client = fresh.getWorkflowClient();
    assertThat(subscription(client, "s2").view().status()).isEqualTo("active");
    assertThat(subscription(client, "s1").view().currentPeriodEnd())
        .isEqualTo(base.plusSeconds(12));
    assertThat(deliveries(10, base.plusSeconds(22)))
        .containsExactlyInAnyOrder("trial.expired t1", "subscription.expired s1");
    assertThat(trial(client, "t1").view().status()).isEqualTo("expired");
    assertThat(reconciler.reconcile()).as("nothing left to repair").isZero();
    Response lost = api.get(vendor + "/trials/t-lost");
    assertThat(lost.status()).isEqualTo(500);
    assertThat(lost.detail()).contains("cannot be rebuilt from stored reports");
  }

  /** A worker and the reconciler on a fresh in-memory Temporal, over the same PostgreSQL. */
  private LifecycleReconciler reconcilerOnFreshTemporal() {
    fresh =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    SearchAttributes.ALL.forEach(
        key ->
            fresh.registerSearchAttribute(
                key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    WorkflowClient client = fresh.getWorkflowClient();
    EventPublisher publisher = new EventPublisher(endpoints, events, client, schedule);
    LifecycleWorkflows workflows = new LifecycleWorkflows(client);
    TrialConversions conversions = new TrialConversions(workflows);
    Worker deliveries = fresh.newWorker(TaskQueues.BILLHOOK);
    deliveries.registerWorkflowImplementationTypes(EventDeliveryWorkflowImpl.class);
    deliveries.registerActivitiesImplementations(delivery);
    Worker lifecycle = fresh.newWorker(TaskQueues.LIFECYCLE);
    lifecycle.registerWorkflowImplementationTypes(
        TrialLifecycleWorkflowImpl.class, SubscriptionLifecycleWorkflowImpl.class);
    lifecycle.registerActivitiesImplementations(
        new LifecycleActivitiesImpl(publisher, conversions, reports));
    fresh.start();
    return new LifecycleReconciler(
        registry,
        new EntityPresence(client, workflows, ends),
        new EntityRebuilder(reports, workflows, settings, publisher, conversions));
  }

  /** The old cluster's workflows stop for good: only the rebuilt ones may fire. */
  private void loseTemporal(String... workflowIds) {
    for (String id : workflowIds) {
      temporal.newUntypedWorkflowStub(id).terminate("Temporal's database was lost");
    }
  }

  /** "type entityId" of each delivery that arrives before {@code until}, at most {@code max}. */
  private List<String> deliveries(int max, Instant until) throws Exception {
    List<String> seen = new ArrayList<>();
    while (seen.size() < max) {
      long wait = Duration.between(Instant.now(), until).toMillis();
      RecordedRequest request =
          wait <= 0 ? null : receiver.takeRequest(wait, TimeUnit.MILLISECONDS);
      if (request == null) {
        break;
      }
      JsonNode body = JSON.readTree(request.getBody().string(StandardCharsets.UTF_8));
      JsonNode data = body.path("data");
      String entity =
          body.path("type").asText().startsWith("trial")
              ? data.path("trialId").asText()
              : data.path("subscriptionId").asText();
      seen.add(body.path("type").asText() + " " + entity);
    }
    return seen;
  }

  private void report(String id, String type, String data) {
    Response response =
        api.post(
            vendor + "/events",
            "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"data\":" + data + "}");
    assertThat(response.status()).as(response.body()).isEqualTo(202);
  }

  private static String trial(String trialId, Instant end) {
    return "{\"trialId\":\"" + trialId + "\",\"customerId\":\"c\",\"trialEnd\":\"" + end + "\"}";
  }

  private static String subscription(String id, Instant end, String trialId) {
    return "{\"subscriptionId\":\""
        + id
        + "\",\"customerId\":\"c\",\"currentPeriodEnd\":\""
        + end
        + "\""
        + (trialId == null ? "" : ",\"trialId\":\"" + trialId + "\"")
        + "}";
  }

  private SubscriptionLifecycleWorkflow subscription(WorkflowClient client, String id) {
    return client.newWorkflowStub(
        SubscriptionLifecycleWorkflow.class,
        SubscriptionLifecycleWorkflow.workflowId(vendorId, id));
  }

  private TrialLifecycleWorkflow trial(WorkflowClient client, String id) {
    return client.newWorkflowStub(
        TrialLifecycleWorkflow.class, TrialLifecycleWorkflow.workflowId(vendorId, id));
  }
}
