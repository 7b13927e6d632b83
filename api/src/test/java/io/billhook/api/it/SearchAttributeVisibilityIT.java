package io.billhook.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.testkit.DevServer;
import io.billhook.testkit.Receiver;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ops find Billhook's runs by its search attributes through the visibility API (what the Temporal
 * UI's query box calls), and each run says what it is through its summaries.
 */
@ExtendWith(SharedStack.class)
@Timeout(120)
class SearchAttributeVisibilityIT {
  @AutoClose private final Receiver receiver = Receiver.start();
  private final Stack stack;
  private final Visibility visibility;
  private final Vendors vendor;

  SearchAttributeVisibilityIT(Stack stack) {
    this.stack = stack;
    this.visibility = new Visibility(OpsClient.of(stack.temporal));
    this.vendor = Vendors.fresh(stack.api(), "ops");
  }

  @Test
  void theAppRegistersItsSearchAttributesOnAServerThatLacksThem() {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(stack.temporal.stubs().getRawChannel())
                .validateAndBuildWithDefaults());
    try {
      Map<String, IndexedValueType> custom =
          operator
              .blockingStub()
              .listSearchAttributes(
                  ListSearchAttributesRequest.newBuilder()
                      .setNamespace(DevServer.NAMESPACE)
                      .build())
              .getCustomAttributesMap();
      assertThat(custom)
          .containsEntry("VendorId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
          .containsEntry("EventType", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
          .containsEntry("SubscriptionId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
          .containsEntry("CustomerId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    } finally {
      operator.shutdownNow();
    }
  }

  @Test
  void anEventsRunIsFoundByVendorAndTypeAndSaysWhatItIsAndWhereItWent() {
    vendor.endpoint(receiver.url("/hook"));
    String runId =
        settled("evt_ops_1", "payment.received", "{\"customerId\":\"cus_1\"}", "succeeded");

    assertThat(awaitFound("EventType = 'payment.received'")).containsExactly(runId);
    assertThat(
            visibility.workflowIds(
                "VendorId = '" + vendor.id + "' AND EventType = 'payment.failed'"))
        .isEmpty();
    assertThat(visibility.workflowIds("CustomerId = 'cus_1' AND VendorId = '" + vendor.id + "'"))
        .containsExactly(runId);
    assertThat(visibility.staticSummary(runId))
        .isEqualTo("payment.received for " + vendor.id + " → 1 endpoint");
    assertThat(visibility.activities(runId))
        .containsExactly("Deliver: POST " + receiver.url("/hook"));
  }

  @Test
  void subscriptionAndTrialRunsAreFoundBySubscriptionAndCustomer() {
    vendor.endpoint(receiver.url("/hook"));
    Instant later = Instant.now().plus(Duration.ofDays(30));
    vendor.accepted(
        "evt_sub_1",
        "subscription.created",
        "{\"subscriptionId\":\"sub_1\",\"customerId\":\"cus_2\",\"currentPeriodEnd\":\""
            + later
            + "\"}");
    vendor.accepted(
        "evt_trial_1",
        "trial.started",
        "{\"trialId\":\"tri_1\",\"customerId\":\"cus_2\",\"trialEnd\":\"" + later + "\"}");
    String subscription = "subscription/" + vendor.id + "/sub_1";
    String trial = "trial/" + vendor.id + "/tri_1";
    String vendorIs = "VendorId = '" + vendor.id + "'";

    assertThat(
            visibility.awaitWorkflowIds(
                vendorIs + " AND SubscriptionId = 'sub_1'", ids -> ids.size() >= 2))
        .containsExactlyInAnyOrder(subscription, "event/" + vendor.id + "/evt_sub_1");
    assertThat(
            visibility.awaitWorkflowIds(
                vendorIs + " AND CustomerId = 'cus_2'", ids -> ids.size() >= 4))
        .as("everything about one customer: the entities and the events reported for them")
        .containsExactlyInAnyOrder(
            subscription,
            trial,
            "event/" + vendor.id + "/evt_sub_1",
            "event/" + vendor.id + "/evt_trial_1");
    assertThat(
            visibility.workflowIds(
                vendorIs + " AND WorkflowType = 'SubscriptionLifecycleWorkflow'"))
        .containsExactly(subscription);
    assertThat(visibility.staticSummary(subscription))
        .isEqualTo("subscription sub_1 of customer cus_2 (" + vendor.id + ")");
    assertThat(visibility.staticSummary(trial))
        .isEqualTo("trial tri_1 of customer cus_2 (" + vendor.id + ")");
  }

  @Test
  void aFailedDeliveryIsFoundByStatusAndItsRunSaysWhy() {
    receiver.answer(410);
    vendor.endpoint(receiver.url("/gone"));
    String runId = settled("evt_gone_1", "invoice.paid", "{\"invoiceId\":\"in_1\"}", "failed");

    assertThat(awaitFound("ExecutionStatus = 'Failed'")).containsExactly(runId);
    assertThat(visibility.failureMessage(runId))
        .contains("HTTP 410 from " + receiver.url("/gone"))
        .contains("endpoint disabled");
  }

  /** Reports an event, waits until its delivery settled as {@code status}; returns its run id. */
  private String settled(String eventId, String type, String data, String status) {
    vendor.accepted(eventId, type, data);
    vendor.awaitEventStatus(eventId, status, Duration.ofSeconds(30));
    return "event/" + vendor.id + "/" + eventId;
  }

  /** The runs of this test's vendor that match the condition, once visibility lists any. */
  private List<String> awaitFound(String condition) {
    return visibility.awaitWorkflowIds(
        "VendorId = '" + vendor.id + "' AND " + condition, ids -> !ids.isEmpty());
  }
}
