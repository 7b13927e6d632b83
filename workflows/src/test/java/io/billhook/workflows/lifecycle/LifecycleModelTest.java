package io.billhook.workflows.lifecycle;

import io.billhook.workflows.TaskQueues;
import io.temporal.client.*;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.*;
import java.util.*;
import org.junit.jupiter.api.*;

class LifecycleModelTest {
  static TestWorkflowEnvironment env;
  static final List<String> log = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void up() {
    env = TestWorkflowEnvironment.newInstance();
    Worker w = env.newWorker(TaskQueues.BILLHOOK);
    w.registerWorkflowImplementationTypes(
        SubscriptionLifecycleWorkflowImpl.class, TrialLifecycleWorkflowImpl.class);
    w.registerActivitiesImplementations(
        (LifecycleActivities)
            e ->
                log.add(
                    e.type()
                        + " at="
                        + e.at()
                        + " env="
                        + Instant.ofEpochMilli(env.currentTimeMillis())
                        + " "
                        + e.data()));
    env.start();
  }

  @AfterAll
  static void down() {
    env.close();
  }

  void p(String s) {
    System.out.println("PROBE " + Instant.ofEpochMilli(env.currentTimeMillis()) + " " + s);
  }

  String outcome(Runnable r) {
    try {
      r.run();
      return "ok";
    } catch (Exception e) {
      return e.getClass().getSimpleName()
          + " / "
          + (e.getCause() == null
              ? ""
              : e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
    }
  }

  @Test
  void probe() {
    WorkflowClient c = env.getWorkflowClient();
    var opts =
        WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.BILLHOOK).setWorkflowId("p1").build();
    var stub = c.newWorkflowStub(SubscriptionLifecycleWorkflow.class, opts);
    WorkflowClient.start(
        stub::run, SubscriptionState.initial("v", "s1", LifecycleSettings.DEFAULT));
    var s = c.newWorkflowStub(SubscriptionLifecycleWorkflow.class, "p1");
    long t0 = env.currentTimeMillis();
    Instant end = Instant.ofEpochMilli(t0).plus(Duration.ofHours(1));
    p(
        "created end="
            + end
            + " "
            + outcome(
                () ->
                    s.report(
                        new SubscriptionReport(
                            "e1", "subscription.created", "c", end, false, null))));
    p("after; view=" + s.view());
    long a = System.nanoTime();
    env.sleep(Duration.ofHours(30));
    p("slept 30h real ms=" + (System.nanoTime() - a) / 1e6 + " log=" + log);
    p("view=" + s.view());
    p(
        "report after expiry "
            + outcome(
                () ->
                    s.report(
                        new SubscriptionReport(
                            "e1", "subscription.created", "c", end, false, null))));
    p(
        "report after expiry "
            + outcome(
                () ->
                    s.report(
                        new SubscriptionReport(
                            "e2",
                            "subscription.renewed",
                            "c",
                            end.plusSeconds(100000),
                            false,
                            null))));
    // timing of updates
    a = System.nanoTime();
    var opts2 =
        WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.BILLHOOK).setWorkflowId("p2").build();
    WorkflowClient.start(
        c.newWorkflowStub(SubscriptionLifecycleWorkflow.class, opts2)::run,
        SubscriptionState.initial("v", "s2", LifecycleSettings.DEFAULT));
    var s2 = c.newWorkflowStub(SubscriptionLifecycleWorkflow.class, "p2");
    long tb = env.currentTimeMillis();
    p(
        "created "
            + outcome(
                () ->
                    s2.report(
                        new SubscriptionReport(
                            "e1",
                            "subscription.created",
                            "c",
                            Instant.ofEpochMilli(tb).plusSeconds(3600),
                            false,
                            null))));
    for (int i = 0; i < 20; i++) {
      int k = i;
      s2.report(
          new SubscriptionReport(
              "r" + i,
              "subscription.renewed",
              "c",
              Instant.ofEpochMilli(tb).plusSeconds(7200 + k),
              false,
              null));
      s2.view();
    }
    p("20 updates+queries ms=" + (System.nanoTime() - a) / 1e6);
    long tc = env.currentTimeMillis();
    p(
        "cancel now "
            + outcome(
                () ->
                    s2.report(
                        new SubscriptionReport(
                            "x", "subscription.cancelled", "c", null, false, null)))
            + " tc="
            + Instant.ofEpochMilli(tc));
    p("view=" + s2.view());
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
    }
    p("log=" + log);
    p("view=" + s2.view());
    p(
        "renew after closed "
            + outcome(
                () ->
                    s2.report(
                        new SubscriptionReport(
                            "r99",
                            "subscription.renewed",
                            "c",
                            Instant.ofEpochMilli(tb).plusSeconds(999999),
                            false,
                            null))));
  }
}
