package io.billhook.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.core.embedded.Poll;
import io.billhook.testkit.Closer;
import io.billhook.testkit.Database;
import io.billhook.testkit.DevServer;
import io.billhook.testkit.Receiver;
import io.billhook.workflows.TaskQueues;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The split deployment: the api jar with {@code BILLHOOK_WORKERS_ENABLED=false} accepts reports,
 * the worker-only jar delivers them; both against one dev server and one PostgreSQL.
 */
@Timeout(240)
class SplitDeploymentIT {
  @AutoClose private static final Closer started = new Closer();
  private static DevServer temporal;
  private static BillhookProcess api;
  private static BillhookProcess worker;
  private static Receiver receiver;

  @BeforeAll
  static void start() {
    receiver = started.add(Receiver.start());
    temporal = started.add(ItEnvironment.devServer("split", true));
    Database db = started.add(Database.start());
    api =
        started.add(
            BillhookProcess.api(
                "split-api", temporal, db, Map.of("BILLHOOK_WORKERS_ENABLED", "false")));
    api.start();
    worker = started.add(BillhookProcess.worker("split-worker", temporal, db, Map.of()));
  }

  @Test
  void anApiOnlyProcessAcceptsAndAWorkerOnlyProcessDelivers() {
    Vendors vendor = Vendors.fresh(api.client(), "split");
    vendor.endpoint(receiver.url("/hook"));
    vendor.settings("{\"trialExpiringLead\":\"PT4S\",\"renewalGrace\":\"PT3S\"}");

    vendor.accepted("evt_split_1", "customer.created", "{\"customerId\":\"cus_1\"}");
    Poll.sleep(3000);
    assertThat(receiver.all()).as("delivered without a worker").isEmpty();
    assertThat(vendor.event("evt_split_1").path("status").asText()).isEqualTo("pending");
    assertThat(pollers(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW))
        .as("the api-only process polls nothing")
        .isEmpty();

    worker.start();

    receiver.awaitAccepted("customer.created", Duration.ofSeconds(60));
    vendor.awaitEventStatus("evt_split_1", "succeeded", Duration.ofSeconds(30));
    assertThat(pollers(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)).isNotEmpty();
    Instant trialEnd = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
    vendor.accepted(
        null,
        "trial.started",
        "{\"trialId\":\"tri_1\",\"customerId\":\"cus_1\",\"trialEnd\":\"" + trialEnd + "\"}");
    Receiver.Delivery expired = receiver.awaitAccepted("trial.expired", Duration.ofSeconds(40));
    assertThat(Duration.between(trialEnd, expired.arrivedAt()))
        .isBetween(Duration.ZERO, Duration.ofSeconds(3));
  }

  private static List<PollerInfo> pollers(TaskQueueType type) {
    return temporal
        .stubs()
        .blockingStub()
        .describeTaskQueue(
            DescribeTaskQueueRequest.newBuilder()
                .setNamespace(DevServer.NAMESPACE)
                .setTaskQueue(TaskQueue.newBuilder().setName(TaskQueues.BILLHOOK))
                .setTaskQueueType(type)
                .build())
        .getPollersList();
  }
}
