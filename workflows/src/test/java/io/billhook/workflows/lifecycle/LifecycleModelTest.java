package io.billhook.workflows.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.workflows.TaskQueues;
import io.billhook.workflows.lifecycle.LifecycleModel.Expected;
import io.billhook.workflows.lifecycle.LifecycleModel.Outcome;
import io.temporal.activity.Activity;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Model-based test of the subscription and trial lifecycle workflows: seeded random sequences of
 * reports, settings changes and clock advances run against the workflows (on a time-skipping test
 * environment) and against {@link LifecycleModel}; every outcome, status and emitted event (type,
 * order, id, {@code at}, emission time, data) must match.
 *
 * <p>Knobs (system properties): {@code lifecycle.seed=N} replays one seed in each random test;
 * {@code lifecycle.baseSeed}, {@code lifecycle.subscriptionSeeds}, {@code lifecycle.trialSeeds}
 * change the set; {@code lifecycle.lanes} is how many test environments run seeds side by side.
 *
 * <p>How the harness reads the workflow (not part of the model):
 *
 * <ul>
 *   <li>"now" for a step is the environment's clock read just before the step's call. The workflow
 *       applies the step somewhere between then and the call's answer (for a signal: until the task
 *       it caused is over), so an event the spec fires "at once" must carry an {@code at} in [now,
 *       answer + 2 s]; an event due at a planned instant must carry exactly that instant. Either
 *       way the activity must run within 2 s of it (environment time).
 *   <li>Each environment first runs one warm-up trial, so JVM start-up does not eat the 2 s.
 *   <li>Before each step, if the model has an event due within {@link #GUARD}, the clock is first
 *       advanced past it (logged as a guard step), so no step races a timer by milliseconds.
 *   <li>A call to a workflow that has already completed fails with {@link
 *       WorkflowNotFoundException}. It is read the way {@code LifecycleRouter} answers it: a report
 *       or a trial start becomes a conflict (409), a conversion is ignored (no error).
 *   <li>After a settings signal the harness waits until the workflow task it caused is over before
 *       moving the clock: on the time-skipping test server, a signal that makes the workflow
 *       continue-as-new while {@code env.sleep} starts can leave a task of the closed run holding
 *       the clock, and the sleep never returns (seen with seed 20260227 before this wait).
 *   <li>Cancelling a subscription that was never created is left out of the random sequences (the
 *       spec gives it no period end); {@link #cancellingANeverCreatedSubscriptionIsAnswered} covers
 *       the immediate variant.
 * </ul>
 */
class LifecycleModelTest {
  static final long BASE_SEED = Long.getLong("lifecycle.baseSeed", 20_260_101L);
  static final Long ONLY_SEED = Long.getLong("lifecycle.seed");
  static final int SUBSCRIPTION_SEEDS = Integer.getInteger("lifecycle.subscriptionSeeds", 200);
  static final int TRIAL_SEEDS = Integer.getInteger("lifecycle.trialSeeds", 100);
  static final int TRIAL_SEED_OFFSET = 1_000_000;
  static final int LANES = Integer.getInteger("lifecycle.lanes", 3);

  /** How late an emission (and an "at once" instant) may be, after the model's instant. */
  static final Duration TOLERANCE = Duration.ofSeconds(2);

  /** No step runs while the model has an event due this close ahead: the clock moves past first. */
  static final Duration GUARD = Duration.ofSeconds(5);

  /** How long (real time) to wait for an emission the model expects before comparing. */
  static final long EMIT_WAIT_MS = 1500;

  static final long CALL_TIMEOUT_SECONDS = 15;

  static final String CUSTOMER = "cus_model";

  /**
   * Temporal Java SDK 1.38.0 re-wraps a failure thrown by an update validator (sdk-java#2875, fixed
   * by sdk-java#3001 after 1.38.0): the client sees type {@code
   * io.temporal.internal.worker.WorkflowExecutionException} instead of {@code LifecycleConflict}.
   * LifecycleRouter already reads any validator failure as a conflict, so by default such a refusal
   * counts as a conflict and is only counted in the printed summary; with {@code
   * -Dlifecycle.strictConflictType=true} it fails the sequence (for checking an SDK upgrade).
   */
  static final boolean STRICT_CONFLICT_TYPE = Boolean.getBoolean("lifecycle.strictConflictType");

  static final List<Lane> lanes = new ArrayList<>();
  static final ExecutorService calls = Executors.newCachedThreadPool(daemon("lifecycle-call"));

  /** eventId → vendor/entity/type that produced it, across the whole class. */
  static final Map<String, String> idOwners = new ConcurrentHashMap<>();

  /** vendor/entity/type → eventId, across the whole class. */
  static final Map<String, String> ownerIds = new ConcurrentHashMap<>();

  // ---------------------------------------------------------------------------------------------
  // Environments
  // ---------------------------------------------------------------------------------------------

  /** One time-skipping environment, its worker and the events its activity recorded. */
  static final class Lane {
    final TestWorkflowEnvironment env;
    final WorkflowClient client;
    final Map<String, List<Emission>> emissions = new ConcurrentHashMap<>();

    Lane() {
      env = TestWorkflowEnvironment.newInstance();
      Worker worker = env.newWorker(TaskQueues.BILLHOOK);
      worker.registerWorkflowImplementationTypes(
          SubscriptionLifecycleWorkflowImpl.class, TrialLifecycleWorkflowImpl.class);
      worker.registerActivitiesImplementations(new RecordingActivities(this));
      env.start();
      client = env.getWorkflowClient();
    }

    Instant now() {
      return Instant.ofEpochMilli(env.currentTimeMillis());
    }

    List<Emission> emitted(String workflowId) {
      List<Emission> list = emissions.get(workflowId);
      if (list == null) {
        return List.of();
      }
      synchronized (list) {
        return new ArrayList<>(list);
      }
    }
  }

  /** What the workflow emitted, and the environment's clock when it did. */
  record Emission(GeneratedEvent event, Instant envTime) {
    @Override
    public String toString() {
      return event.type()
          + " at "
          + event.at()
          + " (emitted "
          + envTime
          + ") id="
          + event.eventId()
          + " "
          + event.data();
    }
  }

  /** The test's implementation of the one side effect: record it. */
  static final class RecordingActivities implements LifecycleActivities {
    private final Lane lane;

    RecordingActivities(Lane lane) {
      this.lane = lane;
    }

    @Override
    public void emit(GeneratedEvent event) {
      Instant at = lane.now();
      String workflowId = Activity.getExecutionContext().getInfo().getWorkflowId();
      lane.emissions
          .computeIfAbsent(workflowId, v -> Collections.synchronizedList(new ArrayList<>()))
          .add(new Emission(event, at));
    }

    @Override
    public void publish(ReportedEvent event) {
      // The model drives the workflows without reported envelopes: nothing to publish.
    }

    @Override
    public void convertTrial(String vendorId, String trialId, TrialConversion conversion) {
      // The model's subscriptions name no trial.
    }

    @Override
    public TrialStarted storedTrialStart(String vendorId, String trialId) {
      return null;
    }

    @Override
    public SubscriptionReport storedSubscriptionCreation(String vendorId, String subscriptionId) {
      return null;
    }
  }

  static ch.qos.logback.classic.Level temporalLogLevel;

  @BeforeAll
  static void startEnvironments() {
    // Thousands of workflow tasks: keep the SDK's debug logging out of the report.
    ch.qos.logback.classic.Logger temporal =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.temporal");
    temporalLogLevel = temporal.getLevel();
    temporal.setLevel(ch.qos.logback.classic.Level.WARN);
    for (int i = 0; i < Math.max(1, LANES); i++) {
      lanes.add(new Lane());
    }
    lanes.parallelStream().forEach(LifecycleModelTest::warmUp);
  }

  /**
   * One trial through both events on each environment before any timing is checked, so a cold JVM
   * (class loading, first workflow task) does not count against the 2 s emission tolerance.
   */
  static void warmUp(Lane lane) {
    String workflowId = "warm-up/" + System.identityHashCode(lane);
    TrialLifecycleWorkflow stub =
        lane.client.newWorkflowStub(
            TrialLifecycleWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.BILLHOOK)
                .setWorkflowId(workflowId)
                .build());
    WorkflowClient.start(
        stub::run, TrialState.initial("vendor_warm_up", "warm_up", LifecycleSettings.DEFAULT));
    TrialLifecycleWorkflow current =
        lane.client.newWorkflowStub(TrialLifecycleWorkflow.class, workflowId);
    current.changeSettings(LifecycleSettings.DEFAULT);
    current.start(
        new TrialStarted("evt-warm-up", CUSTOMER, lane.now().minus(Duration.ofHours(1)), Map.of()));
    lane.client.newUntypedWorkflowStub(workflowId).getResult(Void.class);
    current.view();
  }

  @AfterAll
  static void closeEnvironments() {
    lanes.forEach(lane -> lane.env.close());
    calls.shutdownNow();
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.temporal"))
        .setLevel(temporalLogLevel);
  }

  // ---------------------------------------------------------------------------------------------
  // The tests
  // ---------------------------------------------------------------------------------------------

  @Test
  void randomSubscriptionSequences() {
    List<Run> runs = new ArrayList<>();
    for (long seed : seeds(BASE_SEED, SUBSCRIPTION_SEEDS)) {
      runs.add(Run.randomSubscription(seed));
    }
    runAll(runs, "randomSubscriptionSequences");
  }

  @Test
  void randomTrialSequences() {
    List<Run> runs = new ArrayList<>();
    for (long seed : seeds(BASE_SEED + TRIAL_SEED_OFFSET, TRIAL_SEEDS)) {
      runs.add(Run.randomTrial(seed));
    }
    runAll(runs, "randomTrialSequences");
  }

  /**
   * A long subscription sequence with {@code historyLimit = 30}: the workflow continues-as-new
   * several times, and repeats of reports applied in earlier runs must still be ignored (each of
   * the repeats below would be a conflict if its event id had been forgotten).
   */
  @Test
  void continueAsNewKeepsSubscriptionStateAndAppliedEventIds() {
    List<Step> steps = new ArrayList<>();
    steps.add(new Report("evt-0", LifecycleModel.CREATED, Base.NOW, Duration.ofHours(2), false));
    int renewals = 0;
    for (int i = 0; i < 10; i++) {
      steps.add(new Advance(Duration.ofMinutes(50)));
      steps.add(new Settings(Duration.ofHours(72), Duration.ofHours(1 + i)));
      steps.add(
          new Report(
              "evt-r" + renewals++, LifecycleModel.RENEWED, Base.PERIOD_END, hours(1), false));
      steps.add(new Repeat(0)); // created again: a conflict unless remembered
      steps.add(new Repeat(steps.size() - 2)); // the renewal again: not later, so a conflict
    }
    steps.add(new Report("evt-s", LifecycleModel.SUSPENDED, null, null, false));
    int suspended = steps.size() - 1;
    for (int i = 0; i < 4; i++) {
      steps.add(new Settings(Duration.ofHours(72), Duration.ofMinutes(30 + i)));
      steps.add(new Repeat(suspended)); // suspended again: a conflict unless remembered
    }
    steps.add(new Report("evt-c", LifecycleModel.CANCELLED, null, null, true));
    int cancelled = steps.size() - 1;
    for (int i = 0; i < 4; i++) {
      steps.add(new Settings(Duration.ofHours(72), Duration.ofMinutes(10 + i)));
      steps.add(new Repeat(cancelled)); // cancelled again: a conflict unless remembered
    }
    Run run =
        new Run(
            Kind.SUBSCRIPTION, 1L, steps, LifecycleSettings.DEFAULT, 30, "continue-as-new", null);
    String failure =
        runQuietly(List.of(run), "continueAsNewKeepsSubscriptionStateAndAppliedEventIds");
    assertThat(run.runCount)
        .as("runs of %s (historyLimit 30)\n%s", run.workflowId, run.report())
        .isGreaterThanOrEqualTo(3);
    assertThat(failure).as("agreement with the model").isNull();
  }

  /** The same for a trial: its start is remembered, its pending expiring survives. */
  @Test
  void continueAsNewKeepsTrialState() {
    List<Step> steps = new ArrayList<>();
    steps.add(new Start("evt-0", Duration.ofDays(10)));
    for (int i = 0; i < 14; i++) {
      steps.add(new Settings(Duration.ofHours(72 + i), Duration.ofHours(24)));
      steps.add(new Repeat(0)); // the same trial.started: a no-op
      steps.add(new Start("evt-other-" + i, Duration.ofDays(3))); // another one: a conflict
      steps.add(new Advance(Duration.ofHours(4)));
    }
    steps.add(new Convert("evt-conv"));
    Run run =
        new Run(Kind.TRIAL, 2L, steps, LifecycleSettings.DEFAULT, 30, "continue-as-new", null);
    String failure = runQuietly(List.of(run), "continueAsNewKeepsTrialState");
    assertThat(run.runCount)
        .as("runs of %s (historyLimit 30)\n%s", run.workflowId, run.report())
        .isGreaterThanOrEqualTo(3);
    assertThat(failure).as("agreement with the model").isNull();
  }

  /**
   * Generated ids depend on entity and type only: the same entity run twice (two workflows) gives
   * the same ids, and distinct types give distinct ids. (Every run also feeds a class-wide check
   * that no id is ever shared by two entity/type pairs.)
   */
  @Test
  void generatedEventIdsAreStable() {
    List<Step> trial =
        List.of(new Start("evt-0", Duration.ofHours(-1)), new Advance(Duration.ofMinutes(1)));
    List<Step> subscription =
        List.of(
            new Report("evt-0", LifecycleModel.CREATED, Base.NOW, Duration.ofHours(-48), false));
    List<Run> runs =
        List.of(
            new Run(Kind.TRIAL, 3L, trial, LifecycleSettings.DEFAULT, 0, "stable-a", "stable"),
            new Run(Kind.TRIAL, 3L, trial, LifecycleSettings.DEFAULT, 0, "stable-b", "stable"),
            new Run(
                Kind.SUBSCRIPTION,
                3L,
                subscription,
                LifecycleSettings.DEFAULT,
                0,
                "stable-a",
                "stable"),
            new Run(
                Kind.SUBSCRIPTION,
                3L,
                subscription,
                LifecycleSettings.DEFAULT,
                0,
                "stable-b",
                "stable"));
    String failure = runQuietly(runs, "generatedEventIdsAreStable");
    List<String> trialA = ids(runs.get(0));
    List<String> trialB = ids(runs.get(1));
    assertThat(trialA).hasSize(2).doesNotHaveDuplicates().isEqualTo(trialB);
    assertThat(ids(runs.get(2))).hasSize(1).isEqualTo(ids(runs.get(3)));
    assertThat(failure).as("agreement with the model").isNull();
  }

  /**
   * The spec lets an immediate cancellation of a subscription that was never created through
   * ("conflict only if expired": it becomes cancelled and expires at once). Whatever the intended
   * answer, the report must be answered and the workflow must not get stuck. (Out of the random
   * sequences: the spec gives such a subscription no period end, so the at-period-end variant is
   * undefined.)
   */
  @Test
  void cancellingANeverCreatedSubscriptionIsAnswered() {
    // Its own environment: a workflow stuck in a failing task would hold the shared clock.
    Lane lane = new Lane();
    String workflowId = "model/sub/never-created/cancellingANeverCreatedSubscriptionIsAnswered";
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setTaskQueue(TaskQueues.BILLHOOK)
            .setWorkflowId(workflowId)
            .build();
    SubscriptionLifecycleWorkflow stub =
        lane.client.newWorkflowStub(SubscriptionLifecycleWorkflow.class, options);
    WorkflowClient.start(
        stub::run,
        SubscriptionState.initial("vendor_never", "sub_never", LifecycleSettings.DEFAULT));
    SubscriptionReport cancel =
        new SubscriptionReport("evt-c", LifecycleModel.CANCELLED, CUSTOMER, null, false, Map.of());
    try {
      Observed observed =
          Observed.of(
              () ->
                  lane.client
                      .newWorkflowStub(SubscriptionLifecycleWorkflow.class, workflowId)
                      .report(cancel),
              5);
      System.out.println(
          "never-created subscription, immediate cancel: " + observed + " " + observed.detail);
      assertThat(observed.kind)
          .as(
              "immediate subscription.cancelled to a never-created subscription: %s %s",
              observed, observed.detail)
          .isIn(Observed.Type.ACCEPTED, Observed.Type.CONFLICT);
      if (observed.kind == Observed.Type.ACCEPTED) {
        bounded("sleep", () -> lane.env.sleep(Duration.ofMinutes(1)));
        assertThat(lane.emitted(workflowId))
            .as("spec: cancelled at once, so subscription.expired (reason cancelled) at once")
            .extracting(e -> e.event().type() + "/" + e.event().data().get("reason"))
            .containsExactly(LifecycleModel.SUBSCRIPTION_EXPIRED + "/cancelled");
      }
    } finally {
      lane.client.newUntypedWorkflowStub(workflowId).terminate("test over");
      lane.env.close();
    }
  }

  private static List<String> ids(Run run) {
    return run.actual().stream().map(e -> e.event().eventId()).toList();
  }

  private static List<Long> seeds(long base, int count) {
    if (ONLY_SEED != null) {
      return List.of(ONLY_SEED);
    }
    List<Long> seeds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      seeds.add(base + i);
    }
    return seeds;
  }

  // ---------------------------------------------------------------------------------------------
  // Running runs on lanes, and reporting
  // ---------------------------------------------------------------------------------------------

  /** Runs the sequences, prints what they covered, and fails if any differs from the model. */
  private static void runAll(List<Run> runs, String testName) {
    String failure = runQuietly(runs, testName);
    if (failure != null) {
      throw new AssertionError(failure);
    }
  }

  /** Runs the sequences and prints what they covered; returns the failure report, if any. */
  private static String runQuietly(List<Run> runs, String testName) {
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(lanes.size(), daemon("lifecycle-lane"));
    List<Future<?>> futures = new ArrayList<>();
    for (int l = 0; l < lanes.size(); l++) {
      Lane lane = lanes.get(l);
      int first = l;
      futures.add(
          pool.submit(
              () -> {
                for (int i = first; i < runs.size(); i += lanes.size()) {
                  runs.get(i).execute(lane, testName);
                }
              }));
    }
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (Exception e) {
      throw new AssertionError("a lane failed", e);
    } finally {
      pool.shutdownNow();
    }
    long ms = (System.nanoTime() - started) / 1_000_000;
    int steps = runs.stream().mapToInt(r -> r.steps.size()).sum();
    List<Run> failed = runs.stream().filter(r -> !r.mismatches.isEmpty()).toList();
    Map<String, Integer> calls = new TreeMap<>();
    Map<String, Integer> events = new TreeMap<>();
    runs.forEach(r -> r.outcomes.forEach((k, v) -> calls.merge(k, v, Integer::sum)));
    runs.forEach(
        r ->
            r.expected()
                .forEach(
                    e -> events.merge(e.type() + (e.atOnce() ? " at once" : ""), 1, Integer::sum)));
    System.out.printf(
        "%s: %d sequences, %d steps in %d ms on %d lanes; %d differ from the model%n"
            + "  calls %s; model events %s;%n"
            + "  %d sequences continued-as-new (max %d runs), %d guard advances;%n"
            + "  %d conflicts arrived re-wrapped by the SDK (type %s, sdk-java#2875)%n",
        testName,
        runs.size(),
        steps,
        ms,
        lanes.size(),
        failed.size(),
        calls,
        events,
        runs.stream().filter(r -> r.runCount > 1).count(),
        runs.stream().mapToInt(r -> r.runCount).max().orElse(0),
        runs.stream().mapToInt(r -> r.guards).sum(),
        runs.stream().mapToInt(r -> r.rewrappedConflicts).sum(),
        Observed.DOUBLE_WRAPPED);
    if (failed.isEmpty()) {
      return null;
    }
    String report = summary(runs, failed, testName);
    Path file = Path.of("target", "lifecycle-model-" + testName + ".txt");
    try {
      Files.createDirectories(file.getParent());
      StringBuilder all = new StringBuilder(report).append("\n\nALL FAILING SEEDS\n");
      failed.forEach(r -> all.append('\n').append(r.report()));
      Files.writeString(file, all, StandardCharsets.UTF_8);
    } catch (IOException e) {
      // The assertion message below still has the essentials.
    }
    System.out.println(report);
    return report + "\n(all failing seeds: " + file.toAbsolutePath() + ")";
  }

  private static String summary(List<Run> runs, List<Run> failed, String testName) {
    Map<Mismatch.Kind, List<Run>> byKind = new EnumMap<>(Mismatch.Kind.class);
    for (Run run : failed) {
      run.mismatches.stream()
          .map(Mismatch::kind)
          .distinct()
          .forEach(k -> byKind.computeIfAbsent(k, x -> new ArrayList<>()).add(run));
    }
    StringBuilder out = new StringBuilder();
    out.append(testName)
        .append(": ")
        .append(failed.size())
        .append(" of ")
        .append(runs.size())
        .append(" sequences differ from the model.\n");
    byKind.forEach(
        (kind, list) ->
            out.append(
                String.format(
                    "  %-10s in %3d sequences, e.g. seeds %s%n",
                    kind, list.size(), list.stream().limit(8).map(r -> r.seed).toList())));
    // One detailed sequence per kind of mismatch (the shortest), so each cause is visible.
    List<Run> shown = new ArrayList<>();
    byKind.forEach(
        (kind, list) ->
            list.stream()
                .min((a, b) -> Integer.compare(a.steps.size(), b.steps.size()))
                .filter(r -> !shown.contains(r))
                .ifPresent(shown::add));
    for (Run run : shown) {
      out.append('\n').append(run.report());
    }
    return out.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Steps
  // ---------------------------------------------------------------------------------------------

  enum Kind {
    SUBSCRIPTION,
    TRIAL
  }

  /** Where a report's currentPeriodEnd is measured from. */
  enum Base {
    NOW,
    PERIOD_END
  }

  sealed interface Step permits Report, Repeat, Settings, Advance, Start, Convert {}

  /** A subscription report; its currentPeriodEnd is {@code base + offset} (when it has one). */
  record Report(String eventId, String type, Base base, Duration offset, boolean cancelAtPeriodEnd)
      implements Step {
    @Override
    public String toString() {
      return type.substring(type.indexOf('.') + 1)
          + " "
          + eventId
          + (offset == null
              ? ""
              : " end=" + (base == Base.NOW ? "now" : "periodEnd") + sign(offset))
          + (type.equals(LifecycleModel.CANCELLED)
              ? " cancelAtPeriodEnd=" + cancelAtPeriodEnd
              : "");
    }
  }

  /** Sends again, unchanged, what step {@code step} sent (a report or a trial start). */
  record Repeat(int step) implements Step {
    @Override
    public String toString() {
      return "repeat #" + step;
    }
  }

  record Settings(Duration trialExpiringLead, Duration renewalGrace) implements Step {
    @Override
    public String toString() {
      return "settings lead=" + human(trialExpiringLead) + " grace=" + human(renewalGrace);
    }
  }

  record Advance(Duration by) implements Step {
    @Override
    public String toString() {
      return "advance " + human(by);
    }
  }

  /** trial.started with trialEnd = now + offset. */
  record Start(String eventId, Duration endOffset) implements Step {
    @Override
    public String toString() {
      return "trial.started " + eventId + " end=now" + sign(endOffset);
    }
  }

  record Convert(String eventId) implements Step {
    @Override
    public String toString() {
      return "convert " + eventId;
    }
  }

  static String sign(Duration d) {
    return d.isNegative() ? "-" + human(d.negated()) : "+" + human(d);
  }

  static String human(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder s = new StringBuilder();
    long secs = d.getSeconds();
    if (secs >= 86400) {
      s.append(secs / 86400).append('d');
      secs %= 86400;
    }
    if (secs >= 3600) {
      s.append(secs / 3600).append('h');
      secs %= 3600;
    }
    if (secs >= 60) {
      s.append(secs / 60).append('m');
      secs %= 60;
    }
    if (secs > 0) {
      s.append(secs).append('s');
    }
    return s.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Generators
  // ---------------------------------------------------------------------------------------------

  static Duration hours(long h) {
    return Duration.ofHours(h);
  }

  /** A period or trial end relative to now: sometimes already past, else minutes to a year. */
  static Duration endOffset(Random r, int pastPercent, long maxDays) {
    if (r.nextInt(100) < pastPercent) {
      return Duration.ofSeconds(-(60 + r.nextInt(4 * 86400)));
    }
    return positive(r, maxDays);
  }

  /** Minutes to {@code maxDays} days, in whole seconds, spread over the scales. */
  static Duration positive(Random r, long maxDays) {
    return switch (r.nextInt(4)) {
      case 0 -> Duration.ofSeconds(60 + r.nextInt(3540));
      case 1 -> Duration.ofSeconds(3600 + r.nextInt(47 * 3600));
      case 2 -> Duration.ofSeconds(86400 + (long) r.nextInt((int) Math.min(maxDays, 60) * 86400));
      default -> Duration.ofSeconds(86400 * Math.min(maxDays, 60) + r.nextInt(86400 * 305));
    };
  }

  /** A clock advance: zero, seconds, minutes, hours or a few days. */
  static Duration advance(Random r) {
    int w = r.nextInt(100);
    if (w < 8) {
      return Duration.ZERO;
    } else if (w < 30) {
      return Duration.ofSeconds(1 + r.nextInt(59));
    } else if (w < 55) {
      return Duration.ofSeconds(60 + r.nextInt(3540));
    } else if (w < 85) {
      return Duration.ofSeconds(3600 + r.nextInt(23 * 3600));
    }
    return Duration.ofSeconds(86400 + r.nextInt(3 * 86400));
  }

  /** A lead or grace: seconds to days. */
  static Duration setting(Random r) {
    int w = r.nextInt(100);
    if (w < 12) {
      return Duration.ofSeconds(1 + r.nextInt(59));
    } else if (w < 35) {
      return Duration.ofSeconds(60 + r.nextInt(3540));
    } else if (w < 75) {
      return Duration.ofSeconds(3600 + r.nextInt(72 * 3600));
    }
    return Duration.ofSeconds(86400 + r.nextInt(6 * 86400));
  }

  static LifecycleSettings initialSettings(Random r) {
    return r.nextInt(100) < 70
        ? LifecycleSettings.DEFAULT
        : new LifecycleSettings(setting(r), setting(r));
  }

  static int historyLimit(Random r) {
    // One sequence in five runs with a tiny history so it continues-as-new mid-sequence.
    return r.nextInt(100) < 20 ? 25 + r.nextInt(36) : 0;
  }

  static List<Step> subscriptionSteps(Random r) {
    int n = 5 + r.nextInt(21);
    List<Step> steps = new ArrayList<>();
    List<Integer> reports = new ArrayList<>();
    int ids = 0;
    boolean created = false;
    if (r.nextInt(100) < 85) {
      steps.add(
          new Report(
              "evt-" + ids++, LifecycleModel.CREATED, Base.NOW, endOffset(r, 12, 365), false));
      reports.add(0);
      created = true;
    }
    while (steps.size() < n) {
      int w = r.nextInt(100);
      Step step;
      if (w < 22) {
        step = new Advance(advance(r));
      } else if (w < 31) {
        step = new Settings(setting(r), setting(r));
      } else if (w < 43 && !reports.isEmpty()) {
        step = new Repeat(reports.get(r.nextInt(reports.size())));
      } else if (w < 50) {
        step =
            new Report(
                "evt-" + ids++, LifecycleModel.CREATED, Base.NOW, endOffset(r, 12, 365), false);
        created = true;
      } else if (w < 70) {
        int k = r.nextInt(100);
        Duration offset =
            k < 65
                ? positive(r, 365)
                : k < 80
                    ? (r.nextBoolean() ? Duration.ZERO : positive(r, 30).negated())
                    : endOffset(r, 30, 365);
        step =
            new Report(
                "evt-" + ids++,
                LifecycleModel.RENEWED,
                k < 80 ? Base.PERIOD_END : Base.NOW,
                offset,
                false);
      } else if (w < 86 && created) {
        // Cancelling a subscription that was never created is left out: see the class report.
        step =
            new Report("evt-" + ids++, LifecycleModel.CANCELLED, null, null, r.nextInt(100) < 70);
      } else {
        step = new Report("evt-" + ids++, LifecycleModel.SUSPENDED, null, null, false);
      }
      if (step instanceof Report) {
        reports.add(steps.size());
      }
      steps.add(step);
    }
    return steps;
  }

  static List<Step> trialSteps(Random r) {
    int n = 5 + r.nextInt(21);
    List<Step> steps = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    int ids = 0;
    if (r.nextInt(100) < 85) {
      steps.add(new Start("evt-" + ids++, endOffset(r, 10, 30)));
      starts.add(0);
    }
    while (steps.size() < n) {
      int w = r.nextInt(100);
      Step step;
      if (w < 32) {
        step = new Advance(advance(r));
      } else if (w < 50) {
        step = new Settings(setting(r), setting(r));
      } else if (w < 62 && !starts.isEmpty()) {
        step = new Repeat(starts.get(r.nextInt(starts.size())));
      } else if (w < 72) {
        step = new Start("evt-" + ids++, endOffset(r, 10, 30));
        starts.add(steps.size());
      } else if (w < 82) {
        step = new Convert("evt-" + ids++);
      } else {
        step = new Advance(advance(r));
      }
      steps.add(step);
    }
    return steps;
  }

  // ---------------------------------------------------------------------------------------------
  // One sequence against a workflow and the model
  // ---------------------------------------------------------------------------------------------

  record Mismatch(Kind kind, int step, String detail) {
    enum Kind {
      OUTCOME, // a report's accepted/conflict differs
      STATUS, // the view's status (or period/trial end) differs
      EVENTS, // the emitted types/order/count differ
      AT, // an event's `at` is not the model's exact instant
      AT_ONCE, // an "at once" event's `at` is not within [planned moment, +2 s]
      EMIT_TIME, // the emission did not happen within [instant, +2 s]
      EVENT_ID, // an id is unstable or shared
      DATA, // the event's data fields differ
      CONFLICT_TYPE, // a conflict reached the client without its LifecycleConflict type
      ERROR // a call failed unexpectedly
    }

    @Override
    public String toString() {
      return kind + (step < 0 ? " (final)" : " at step #" + step) + ": " + detail;
    }
  }

  static final class Run {
    final Kind kind;
    final long seed;
    final List<Step> steps;
    final LifecycleSettings settings;
    final int historyLimit;
    final String label;
    final String entityOverride;
    final List<String> log = new ArrayList<>();
    final List<Mismatch> mismatches = new ArrayList<>();

    Lane lane;
    String testName;
    String vendorId;
    String entityId;
    String workflowId;
    LifecycleModel.Subscription subscription;
    LifecycleModel.Trial trial;
    int checked;
    boolean diverged;
    int runCount = 1;
    int rewrappedConflicts;

    /** For each step that changed the entity: when the test sent it → when it had been applied. */
    final Map<Instant, Instant> stepEnds = new HashMap<>();

    int guards;
    final Map<String, Integer> outcomes = new TreeMap<>();

    Run(
        Kind kind,
        long seed,
        List<Step> steps,
        LifecycleSettings settings,
        int historyLimit,
        String label,
        String entityOverride) {
      this.kind = kind;
      this.seed = seed;
      this.steps = steps;
      this.settings = settings;
      this.historyLimit = historyLimit;
      this.label = label;
      this.entityOverride = entityOverride;
    }

    static Run randomSubscription(long seed) {
      Random r = new Random(seed);
      LifecycleSettings settings = initialSettings(r);
      int limit = historyLimit(r);
      return new Run(
          Kind.SUBSCRIPTION, seed, subscriptionSteps(r), settings, limit, "random", null);
    }

    static Run randomTrial(long seed) {
      Random r = new Random(seed);
      LifecycleSettings settings = initialSettings(r);
      int limit = historyLimit(r);
      return new Run(Kind.TRIAL, seed, trialSteps(r), settings, limit, "random", null);
    }

    List<Expected> expected() {
      if (subscription != null) {
        return subscription.emitted;
      }
      return trial == null ? List.of() : trial.emitted;
    }

    List<Emission> actual() {
      return lane == null ? List.of() : lane.emitted(workflowId);
    }

    String modelStatus() {
      return kind == Kind.SUBSCRIPTION ? subscription.status : trial.status;
    }

    Instant modelEnd() {
      return kind == Kind.SUBSCRIPTION ? subscription.periodEnd : trial.trialEnd;
    }

    boolean modelTerminal() {
      String s = modelStatus();
      return s.equals("expired") || s.equals("converted");
    }

    /** The next instant the model has an event due, if any. */
    Instant modelNextDue() {
      if (kind == Kind.SUBSCRIPTION) {
        LifecycleModel.Pending p = subscription.pending();
        return p == null ? null : p.at();
      }
      List<LifecycleModel.Pending> p = trial.pending();
      return p.isEmpty() ? null : p.get(0).at();
    }

    void advanceModel(Instant now) {
      if (kind == Kind.SUBSCRIPTION) {
        subscription.advanceTo(now);
      } else {
        trial.advanceTo(now);
      }
    }

    void execute(Lane lane, String testName) {
      this.lane = lane;
      this.testName = testName;
      String kindTag = kind == Kind.SUBSCRIPTION ? "sub" : "trial";
      String entity = entityOverride != null ? entityOverride : kindTag + "_" + seed;
      vendorId = "vendor_" + kindTag + "_" + seed + "_" + label;
      if (entityOverride != null) {
        vendorId = "vendor_" + entityOverride;
      }
      entityId = entity;
      workflowId = "model/" + kindTag + "/" + seed + "/" + label + "/" + testName;
      try {
        start();
        for (int i = 0; i < steps.size() && !diverged; i++) {
          settle(i);
          if (diverged) {
            break;
          }
          step(i, steps.get(i));
        }
        if (!diverged) {
          drain();
        }
        runCount = countRuns();
      } catch (RuntimeException | Error e) {
        mismatch(Mismatch.Kind.ERROR, -1, "harness: " + describe(e));
      } finally {
        release();
      }
    }

    /** A workflow left running (suspended, never created...) holds a cached worker thread. */
    private void release() {
      try {
        WorkflowStub stub = lane.client.newUntypedWorkflowStub(workflowId);
        if (bounded(stub::describe).getStatus()
            == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
          bounded("terminate", () -> stub.terminate("model test sequence over"));
        }
      } catch (RuntimeException e) {
        log.add("   (could not terminate " + workflowId + ": " + describe(e) + ")");
      }
    }

    private void start() {
      WorkflowOptions options =
          WorkflowOptions.newBuilder()
              .setTaskQueue(TaskQueues.BILLHOOK)
              .setWorkflowId(workflowId)
              .build();
      if (kind == Kind.SUBSCRIPTION) {
        SubscriptionState state = SubscriptionState.initial(vendorId, entityId, settings);
        if (historyLimit > 0) {
          state.historyLimit = historyLimit;
        }
        // The model starts the workflow before its first report, at any distance.
        state.firstReportPatienceSeconds = 0;
        SubscriptionLifecycleWorkflow stub =
            lane.client.newWorkflowStub(SubscriptionLifecycleWorkflow.class, options);
        WorkflowClient.start(stub::run, state);
        subscription =
            new LifecycleModel.Subscription(
                entityId, CUSTOMER, settings.trialExpiringLead(), settings.renewalGrace());
      } else {
        TrialState state = TrialState.initial(vendorId, entityId, settings);
        if (historyLimit > 0) {
          state.historyLimit = historyLimit;
        }
        // The model starts the workflow before its first report, at any distance.
        state.firstReportPatienceSeconds = 0;
        TrialLifecycleWorkflow stub =
            lane.client.newWorkflowStub(TrialLifecycleWorkflow.class, options);
        WorkflowClient.start(stub::run, state);
        trial =
            new LifecycleModel.Trial(
                entityId, CUSTOMER, settings.trialExpiringLead(), settings.renewalGrace());
      }
      log.add(
          "start "
              + workflowId
              + " at "
              + lane.now()
              + " settings lead="
              + human(settings.trialExpiringLead())
              + " grace="
              + human(settings.renewalGrace())
              + (historyLimit > 0 ? " historyLimit=" + historyLimit : ""));
    }

    private SubscriptionLifecycleWorkflow subscriptionStub() {
      // No run id: always the current run, also after continue-as-new.
      return lane.client.newWorkflowStub(SubscriptionLifecycleWorkflow.class, workflowId);
    }

    private TrialLifecycleWorkflow trialStub() {
      return lane.client.newWorkflowStub(TrialLifecycleWorkflow.class, workflowId);
    }

    /**
     * Before a step: fire what the model says is due by now; if an event is due within {@link
     * #GUARD}, move the clock past it first; wait for the emissions the model expects.
     */
    private void settle(int index) {
      for (int round = 0; round < 20; round++) {
        Instant now = lane.now();
        advanceModel(now);
        Instant next = modelNextDue();
        if (next == null || next.isAfter(now.plus(GUARD))) {
          break;
        }
        Duration by = Duration.between(now, next).plusSeconds(1);
        log.add(
            "   (guard: advance "
                + by.toMillis()
                + " ms so the event due at "
                + next
                + " fires before step #"
                + index
                + ")");
        bounded("sleep", () -> lane.env.sleep(by));
        guards++;
      }
      awaitEmissions();
      compareEvents(index);
      if (!diverged && modelTerminal()) {
        awaitClosed();
      }
    }

    private void step(int index, Step step) {
      Instant now = lane.now();
      String line;
      if (step instanceof Advance a) {
        bounded("sleep", () -> lane.env.sleep(a.by()));
        Instant after = lane.now();
        advanceModel(after);
        line = "advance " + human(a.by()) + " → " + after;
      } else if (step instanceof Settings s) {
        LifecycleSettings settings = new LifecycleSettings(s.trialExpiringLead(), s.renewalGrace());
        String note = "";
        try {
          if (kind == Kind.SUBSCRIPTION) {
            bounded("signal", () -> subscriptionStub().changeSettings(settings));
          } else {
            bounded("signal", () -> trialStub().changeSettings(settings));
          }
        } catch (WorkflowNotFoundException closed) {
          // Nothing left to re-plan; fine only if the model agrees the entity is over.
          note = " ⇒ workflow completed";
          if (!modelTerminal()) {
            mismatch(
                Mismatch.Kind.ERROR, index, "settings: workflow completed, model " + modelStatus());
          }
        }
        if (kind == Kind.SUBSCRIPTION) {
          subscription.changeSettings(s.trialExpiringLead(), s.renewalGrace(), now);
        } else {
          trial.changeSettings(s.trialExpiringLead(), s.renewalGrace(), now);
        }
        awaitSignalHandled();
        line = s + note;
      } else {
        Object payload = payload(index, step, now);
        sentByStep.put(index, payload);
        Observed observed = call(payload);
        outcomes.merge(observed.kind.name(), 1, Integer::sum);
        Outcome expected = applyToModel(payload, now);
        Outcome seen = observed.asSpecOutcome(payload);
        line =
            step
                + " → "
                + payload
                + " ⇒ workflow "
                + observed
                + (observed.detail.isEmpty() ? "" : " (" + observed.detail + ")")
                + ", model "
                + expected;
        if (observed.wrongType != null) {
          rewrappedConflicts++;
          if (STRICT_CONFLICT_TYPE) {
            mismatch(
                Mismatch.Kind.CONFLICT_TYPE,
                index,
                "conflict arrived as ApplicationFailure type "
                    + observed.wrongType
                    + ", not "
                    + LifecycleConflict.TYPE);
          }
        }
        if (observed.kind == Observed.Type.ERROR) {
          mismatch(Mismatch.Kind.ERROR, index, observed.detail);
        } else if (seen != expected) {
          mismatch(
              Mismatch.Kind.OUTCOME,
              index,
              step + ": workflow " + observed + ", model " + expected);
        }
      }
      if (!(step instanceof Advance)) {
        // The workflow applied this step somewhere in [now, stepEnd]: "at once" happens there.
        stepEnds.put(now, lane.now());
      }
      log.add(String.format("#%-2d @%s %s", index, now, line));
      if (diverged) {
        return;
      }
      awaitEmissions();
      compareEvents(index);
      compareView(index);
    }

    private void drain() {
      settle(steps.size());
      if (diverged) {
        return;
      }
      Instant now = lane.now();
      Instant last = now;
      Instant next;
      if (kind == Kind.SUBSCRIPTION) {
        LifecycleModel.Pending p = subscription.pending();
        next = p == null ? null : p.at();
      } else {
        List<LifecycleModel.Pending> p = trial.pending();
        next = p.isEmpty() ? null : p.get(p.size() - 1).at();
      }
      if (next != null && next.isAfter(last)) {
        last = next;
      }
      Duration by = Duration.between(now, last).plusHours(1);
      bounded("sleep", () -> lane.env.sleep(by));
      Instant after = lane.now();
      advanceModel(after);
      log.add("final: advance " + human(by) + " → " + after);
      awaitEmissions();
      compareEvents(-1);
      compareView(-1);
    }

    /** What the step sends, with instants resolved against now and the model's state. */
    private Object payload(int index, Step step, Instant now) {
      if (step instanceof Repeat rep) {
        Object earlier = sentAt(rep.step());
        if (earlier == null) {
          throw new IllegalStateException("step #" + index + " repeats a step that sent nothing");
        }
        return earlier;
      }
      if (step instanceof Report r) {
        Instant end = null;
        if (r.offset() != null) {
          Instant base =
              r.base() == Base.PERIOD_END && subscription.periodEnd != null
                  ? subscription.periodEnd
                  : now;
          end = base.plus(r.offset());
        }
        return new SubscriptionReport(
            r.eventId(), r.type(), CUSTOMER, end, r.cancelAtPeriodEnd(), Map.of());
      }
      if (step instanceof Start s) {
        return new TrialStarted(s.eventId(), CUSTOMER, now.plus(s.endOffset()), Map.of());
      }
      if (step instanceof Convert c) {
        return new TrialConversion(c.eventId(), "sub_for_" + entityId);
      }
      throw new IllegalArgumentException(step.toString());
    }

    private final Map<Integer, Object> sentByStep = new HashMap<>();

    private Object sentAt(int step) {
      return sentByStep.get(step);
    }

    private Observed call(Object payload) {
      Supplier<Object> action;
      if (payload instanceof SubscriptionReport report) {
        action = () -> subscriptionStub().report(report);
      } else if (payload instanceof TrialStarted started) {
        action = () -> trialStub().start(started);
      } else {
        TrialConversion conversion = (TrialConversion) payload;
        action = () -> trialStub().convert(conversion);
      }
      return Observed.of(action);
    }

    private Outcome applyToModel(Object payload, Instant now) {
      if (payload instanceof SubscriptionReport r) {
        return subscription.report(
            r.eventId(), r.type(), r.currentPeriodEnd(), r.cancelAtPeriodEnd(), now);
      }
      if (payload instanceof TrialStarted s) {
        return trial.start(s.eventId(), s.trialEnd(), now);
      }
      return trial.convert(now);
    }

    private void awaitEmissions() {
      long deadline = System.currentTimeMillis() + EMIT_WAIT_MS;
      while (actual().size() < expected().size() && System.currentTimeMillis() < deadline) {
        sleepMillis(5);
      }
    }

    /**
     * A signal is handled asynchronously; wait until the workflow task it caused is over (and, if
     * it continued-as-new, the new run's first task too) before the clock moves again.
     */
    private void awaitSignalHandled() {
      long deadline = System.currentTimeMillis() + EMIT_WAIT_MS;
      while (System.currentTimeMillis() < deadline) {
        List<HistoryEvent> events = bounded(() -> lane.client.fetchHistory(workflowId)).getEvents();
        EventType last = events.get(events.size() - 1).getEventType();
        if (last != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED
            && last != EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED
            && last != EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) {
          return;
        }
        sleepMillis(2);
      }
    }

    /** A terminal workflow completes; calls to it are then answered as the router answers them. */
    private void awaitClosed() {
      long deadline = System.currentTimeMillis() + EMIT_WAIT_MS;
      while (System.currentTimeMillis() < deadline) {
        WorkflowExecutionStatus status =
            bounded(() -> lane.client.newUntypedWorkflowStub(workflowId).describe()).getStatus();
        if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
          return;
        }
        sleepMillis(5);
      }
      log.add("   (workflow still running " + EMIT_WAIT_MS + " ms after its last event)");
    }

    private void compareEvents(int index) {
      for (int attempt = 0; attempt < 2; attempt++) {
        advanceModel(lane.now());
        awaitEmissions();
        if (actual().size() <= expected().size()) {
          break;
        }
      }
      List<Emission> actual = actual();
      List<Expected> expected = expected();
      Map<String, String> idByType = new HashMap<>();
      for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
        Emission a = actual.get(i);
        Expected e = expected.get(i);
        if (!a.event().type().equals(e.type())) {
          mismatch(
              Mismatch.Kind.EVENTS,
              index,
              "event " + i + " is " + a.event().type() + ", model " + e.type());
          return;
        }
        String id = a.event().eventId();
        String previous = idByType.putIfAbsent(e.type(), id);
        if (i < checked) {
          continue;
        }
        checked = i + 1;
        checkEvent(index, i, a, e, previous);
      }
      if (actual.size() != expected.size()) {
        mismatch(
            Mismatch.Kind.EVENTS,
            index,
            "workflow emitted " + actual.size() + " events, model " + expected.size());
      }
    }

    private void checkEvent(int index, int i, Emission a, Expected e, String previousId) {
      GeneratedEvent ev = a.event();
      String what = "event " + i + " (" + e.type() + ")";
      // "At once" is the moment the workflow applied the change: between sending it and its answer.
      Instant latest = e.atOnce() ? stepEnds.getOrDefault(e.at(), e.at()) : e.at();
      if (e.atOnce()) {
        if (ev.at().isBefore(e.at()) || ev.at().isAfter(latest.plus(TOLERANCE))) {
          mismatch(
              Mismatch.Kind.AT_ONCE,
              index,
              what
                  + " at="
                  + ev.at()
                  + ", model: at once, in ["
                  + e.at()
                  + ", "
                  + latest
                  + " +2s]");
        }
      } else if (!ev.at().equals(e.at())) {
        mismatch(
            Mismatch.Kind.AT,
            index,
            what
                + " at="
                + ev.at()
                + ", model "
                + e.at()
                + " ("
                + Duration.between(e.at(), ev.at()).toMillis()
                + " ms)");
      }
      if (a.envTime().isBefore(e.at()) || a.envTime().isAfter(latest.plus(TOLERANCE))) {
        mismatch(
            Mismatch.Kind.EMIT_TIME,
            index,
            what + " emitted at " + a.envTime() + ", model instant " + e.at());
      }
      String id = ev.eventId();
      String owner = vendorId + "/" + entityId + "/" + e.type();
      if (id == null || id.isBlank()) {
        mismatch(Mismatch.Kind.EVENT_ID, index, what + " has no id");
      } else {
        if (previousId != null && !previousId.equals(id)) {
          mismatch(Mismatch.Kind.EVENT_ID, index, what + " id " + id + " != " + previousId);
        }
        String other = idOwners.putIfAbsent(id, owner);
        if (other != null && !other.equals(owner)) {
          mismatch(Mismatch.Kind.EVENT_ID, index, what + " id " + id + " also used by " + other);
        }
        String known = ownerIds.putIfAbsent(owner, id);
        if (known != null && !known.equals(id)) {
          mismatch(
              Mismatch.Kind.EVENT_ID, index, what + " id " + id + " earlier " + known + " for it");
        }
      }
      if (!vendorId.equals(ev.vendorId())) {
        mismatch(Mismatch.Kind.DATA, index, what + " vendorId " + ev.vendorId());
      }
      for (Map.Entry<String, String> field : e.data().entrySet()) {
        String got = ev.data().get(field.getKey());
        boolean same =
            field.getKey().equals("currentPeriodEnd")
                ? sameInstant(got, field.getValue())
                : field.getValue().equals(got);
        if (!same) {
          mismatch(
              Mismatch.Kind.DATA,
              index,
              what + " data." + field.getKey() + "=" + got + ", model " + field.getValue());
        }
      }
    }

    private static boolean sameInstant(String a, String b) {
      try {
        return a != null && Instant.parse(a).equals(Instant.parse(b));
      } catch (RuntimeException e) {
        return false;
      }
    }

    private void compareView(int index) {
      String status;
      Instant end;
      try {
        if (kind == Kind.SUBSCRIPTION) {
          SubscriptionView view = bounded(() -> subscriptionStub().view());
          status = view.status();
          end = view.currentPeriodEnd();
        } else {
          TrialView view = bounded(() -> trialStub().view());
          status = view.status();
          end = view.trialEnd();
        }
      } catch (RuntimeException e) {
        mismatch(Mismatch.Kind.ERROR, index, "view(): " + describe(e));
        return;
      }
      if (!status.equals(modelStatus())) {
        mismatch(Mismatch.Kind.STATUS, index, "status " + status + ", model " + modelStatus());
      } else if (end == null ? modelEnd() != null : !end.equals(modelEnd())) {
        mismatch(Mismatch.Kind.STATUS, index, "end " + end + ", model " + modelEnd());
      }
    }

    private void mismatch(Mismatch.Kind kind, int index, String detail) {
      mismatches.add(new Mismatch(kind, index, detail));
      if (kind == Mismatch.Kind.ERROR) {
        System.out.println("ERROR in " + Run.this.kind + " seed " + seed + ": " + detail);
      }
      if (kind == Mismatch.Kind.OUTCOME
          || kind == Mismatch.Kind.STATUS
          || kind == Mismatch.Kind.EVENTS
          || kind == Mismatch.Kind.ERROR) {
        diverged = true; // the model no longer describes the workflow: stop this sequence here
      }
    }

    /** Runs of the workflow (1 + times it continued-as-new), from the current run's history. */
    private int countRuns() {
      int runs = 1;
      String runId =
          lane.client.newUntypedWorkflowStub(workflowId).describe().getExecution().getRunId();
      for (int guard = 0; guard < 1000; guard++) {
        HistoryEvent first = lane.client.fetchHistory(workflowId, runId).getEvents().get(0);
        String previous =
            first.getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
        if (previous.isEmpty()) {
          return runs;
        }
        runs++;
        runId = previous;
      }
      return runs;
    }

    String report() {
      StringBuilder out = new StringBuilder();
      String method = testName == null ? "" : "#" + testName;
      out.append("=== ")
          .append(kind)
          .append(" seed ")
          .append(seed)
          .append(" (")
          .append(label)
          .append(", workflow ")
          .append(workflowId)
          .append(", runs ")
          .append(runCount)
          .append(")\n");
      out.append(
              "replay: cd /work/main && mvn -B -o -q -pl workflows test -Dtest=LifecycleModelTest")
          .append(method)
          .append(label.equals("random") ? " -Dlifecycle.seed=" + seed : "")
          .append(" -Dsurefire.failIfNoSpecifiedTests=false\n");
      out.append("mismatches:\n");
      mismatches.forEach(m -> out.append("  ").append(m).append('\n'));
      out.append("steps (generated):\n");
      for (int i = 0; i < steps.size(); i++) {
        out.append(String.format("  #%-2d %s%n", i, steps.get(i)));
      }
      out.append("run log:\n");
      log.forEach(l -> out.append("  ").append(l).append('\n'));
      out.append("model state: ")
          .append(kind == Kind.SUBSCRIPTION ? subscription : trial)
          .append('\n');
      out.append("model events:\n");
      expected().forEach(e -> out.append("  ").append(e).append('\n'));
      out.append("workflow events:\n");
      actual().forEach(e -> out.append("  ").append(e).append('\n'));
      return out.toString();
    }
  }

  /** What a call to the workflow did. */
  static final class Observed {
    enum Type {
      ACCEPTED,
      CONFLICT,
      CLOSED,
      ERROR
    }

    /** The type a validator's conflict arrives with when the SDK re-wraps it. */
    static final String DOUBLE_WRAPPED = "io.temporal.internal.worker.WorkflowExecutionException";

    final Type kind;
    final String detail;
    String wrongType;

    Observed(Type kind, String detail) {
      this.kind = kind;
      this.detail = detail;
    }

    static Observed of(Supplier<Object> action) {
      return of(action, CALL_TIMEOUT_SECONDS);
    }

    static Observed of(Supplier<Object> action, long timeoutSeconds) {
      Future<Object> future = calls.submit(action::get);
      try {
        future.get(timeoutSeconds, TimeUnit.SECONDS);
        return new Observed(Type.ACCEPTED, "");
      } catch (TimeoutException e) {
        future.cancel(true);
        return new Observed(
            Type.ERROR, "no answer within " + timeoutSeconds + " s (update never completed)");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Observed(Type.ERROR, "interrupted");
      } catch (java.util.concurrent.ExecutionException wrapped) {
        Throwable e = wrapped.getCause();
        if (e instanceof WorkflowUpdateException u
            && u.getCause() instanceof ApplicationFailure f) {
          if (LifecycleConflict.TYPE.equals(f.getType())) {
            return new Observed(Type.CONFLICT, f.getOriginalMessage());
          }
          if (DOUBLE_WRAPPED.equals(f.getType())) {
            // The validator refused it, but the failure reached the client re-wrapped: its type
            // (and non-retryable flag) are lost. Counted as a conflict, and reported separately.
            Observed o = new Observed(Type.CONFLICT, f.getOriginalMessage());
            o.wrongType = f.getType();
            return o;
          }
        }
        if (e instanceof WorkflowNotFoundException) {
          return new Observed(Type.CLOSED, "workflow completed");
        }
        return new Observed(Type.ERROR, describe(e));
      }
    }

    /**
     * The spec's outcome, reading a completed workflow the way {@code LifecycleRouter} does: a
     * report or a trial start to it is a conflict, a conversion of it is ignored.
     */
    Outcome asSpecOutcome(Object payload) {
      return switch (kind) {
        case ACCEPTED -> Outcome.ACCEPTED;
        case CONFLICT -> Outcome.CONFLICT;
        case CLOSED -> payload instanceof TrialConversion ? Outcome.ACCEPTED : Outcome.CONFLICT;
        case ERROR -> null;
      };
    }

    @Override
    public String toString() {
      return kind.name();
    }
  }

  static String describe(Throwable e) {
    StringBuilder s = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (s.length() > 0) {
        s.append(" ← ");
      }
      s.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
      if (t.getCause() == t) {
        break;
      }
    }
    return s.toString();
  }

  /** Runs a blocking call with a time limit, so one stuck call cannot hang the whole class. */
  static <T> T bounded(Supplier<T> call) {
    Future<T> future = calls.submit(call::get);
    try {
      return future.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new IllegalStateException("no answer within " + CALL_TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  static void bounded(String what, Runnable call) {
    try {
      bounded(
          () -> {
            call.run();
            return null;
          });
    } catch (IllegalStateException e) {
      throw new IllegalStateException(what + ": " + e.getMessage(), e);
    }
  }

  static void sleepMillis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
