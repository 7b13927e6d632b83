package io.billhook.workflows.lifecycle.model;

import static io.billhook.workflows.lifecycle.model.Calls.describe;
import static io.billhook.workflows.lifecycle.model.Step.human;

import io.billhook.workflows.lifecycle.LifecycleConflict;
import io.billhook.workflows.lifecycle.LifecycleSettings;
import io.billhook.workflows.lifecycle.SubscriptionReport;
import io.billhook.workflows.lifecycle.TrialConversion;
import io.billhook.workflows.lifecycle.TrialStarted;
import io.billhook.workflows.lifecycle.model.Lane.Emission;
import io.billhook.workflows.lifecycle.model.LifecycleModel.Expected;
import io.billhook.workflows.lifecycle.model.LifecycleModel.Outcome;
import io.billhook.workflows.lifecycle.model.LifecycleModel.Pending;
import io.billhook.workflows.lifecycle.model.Step.Advance;
import io.billhook.workflows.lifecycle.model.Step.Base;
import io.billhook.workflows.lifecycle.model.Step.Convert;
import io.billhook.workflows.lifecycle.model.Step.Repeat;
import io.billhook.workflows.lifecycle.model.Step.Report;
import io.billhook.workflows.lifecycle.model.Step.Settings;
import io.billhook.workflows.lifecycle.model.Step.Start;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One sequence, run step by step against a workflow on a {@link Lane} and against {@link
 * LifecycleModel}; what differs is collected as {@link Mismatch}es (see {@link Comparison}).
 */
final class Run {
  static final String CUSTOMER = "cus_model";

  /** No step runs while the model has an event due this close ahead: the clock moves past first. */
  static final Duration GUARD = Duration.ofSeconds(5);

  /**
   * Temporal Java SDK 1.38.0 re-wraps a failure thrown by an update validator (sdk-java#2875, fixed
   * by sdk-java#3001 after 1.38.0): the client sees type {@code
   * io.temporal.internal.worker.WorkflowExecutionException} instead of {@code LifecycleConflict}.
   * LifecycleRouter already reads any validator failure as a conflict, so by default such a refusal
   * counts as a conflict and is only counted in the printed summary; with {@code
   * -Dlifecycle.strictConflictType=true} it fails the sequence (for checking an SDK upgrade).
   */
  static final boolean STRICT_CONFLICT_TYPE = Boolean.getBoolean("lifecycle.strictConflictType");

  final Sequence sequence;
  final List<String> log = new ArrayList<>();
  final List<Mismatch> mismatches = new ArrayList<>();

  Lane lane;
  String testName;
  String vendorId;
  String entityId;
  String workflowId;
  DrivenWorkflow workflow;
  LifecycleModel.Subscription subscription;
  LifecycleModel.Trial trial;
  boolean diverged;
  int runCount = 1;
  int rewrappedConflicts;
  int guards;
  final Map<String, Integer> outcomes = new TreeMap<>();

  /** For each step that changed the entity: when the test sent it → when it had been applied. */
  final Map<Instant, Instant> stepEnds = new HashMap<>();

  private final Map<Integer, Object> sentByStep = new HashMap<>();
  private final Comparison compare = new Comparison(this);

  Run(Sequence sequence) {
    this.sequence = sequence;
  }

  /** The model entity this run drives (null before it started). */
  LifecycleModel.Entity model() {
    return sequence.kind() == EntityKind.SUBSCRIPTION ? subscription : trial;
  }

  List<Expected> expected() {
    LifecycleModel.Entity model = model();
    return model == null ? List.of() : model.emitted;
  }

  List<Emission> actual() {
    return workflow == null ? List.of() : workflow.emitted();
  }

  void advanceModel(Instant now) {
    model().advanceTo(now);
  }

  void execute(Lane lane, String testName) {
    this.lane = lane;
    this.testName = testName;
    EntityKind kind = sequence.kind();
    String kindTag = kind == EntityKind.SUBSCRIPTION ? "sub" : "trial";
    String entityOverride = sequence.entityOverride();
    long seed = sequence.seed();
    String label = sequence.label();
    entityId = entityOverride != null ? entityOverride : kindTag + "_" + seed;
    vendorId =
        entityOverride != null
            ? "vendor_" + entityOverride
            : "vendor_" + kindTag + "_" + seed + "_" + label;
    workflowId = "model/" + kindTag + "/" + seed + "/" + label + "/" + testName;
    workflow = new DrivenWorkflow(lane, kind, workflowId);
    List<Step> steps = sequence.steps();
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
      runCount = workflow.countRuns();
    } catch (RuntimeException | Error e) {
      mismatch(Mismatch.Kind.ERROR, -1, "harness: " + describe(e));
    } finally {
      release();
    }
  }

  /** A workflow left running (suspended, never created...) holds a cached worker thread. */
  private void release() {
    try {
      workflow.release();
    } catch (RuntimeException e) {
      log.add("   (could not terminate " + workflowId + ": " + describe(e) + ")");
    }
  }

  private void start() {
    LifecycleSettings settings = sequence.settings();
    int historyLimit = sequence.historyLimit();
    workflow.start(vendorId, entityId, settings, historyLimit);
    Duration lead = settings.trialExpiringLead();
    Duration grace = settings.renewalGrace();
    if (sequence.kind() == EntityKind.SUBSCRIPTION) {
      subscription = new LifecycleModel.Subscription(entityId, CUSTOMER, lead, grace);
    } else {
      trial = new LifecycleModel.Trial(entityId, CUSTOMER, lead, grace);
    }
    log.add(
        "start "
            + workflowId
            + " at "
            + lane.now()
            + " settings lead="
            + human(lead)
            + " grace="
            + human(grace)
            + (historyLimit > 0 ? " historyLimit=" + historyLimit : ""));
  }

  /**
   * Before a step: fire what the model says is due by now; if an event is due within {@link
   * #GUARD}, move the clock past it first; wait for the emissions the model expects.
   */
  private void settle(int index) {
    for (int round = 0; round < 20; round++) {
      Instant now = lane.now();
      advanceModel(now);
      List<Pending> pending = model().pending();
      Instant next = pending.isEmpty() ? null : pending.get(0).at();
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
      workflow.sleep(by);
      guards++;
    }
    awaitEmissions();
    compare.events(index);
    if (!diverged && model().terminal()) {
      awaitClosed();
    }
  }

  private void step(int index, Step step) {
    Instant now = lane.now();
    String line;
    if (step instanceof Advance a) {
      workflow.sleep(a.by());
      Instant after = lane.now();
      advanceModel(after);
      line = "advance " + human(a.by()) + " → " + after;
    } else if (step instanceof Settings s) {
      line = s + changeSettings(index, s, now);
    } else {
      line = step + " → " + send(index, step, now);
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
    compare.events(index);
    compare.view(index);
  }

  /** Signals new settings to the workflow and the model; returns a note for the log. */
  private String changeSettings(int index, Settings s, Instant now) {
    // Each change is a newer version, as the settings store makes it; the start settings are 0.
    LifecycleSettings changed =
        new LifecycleSettings(s.trialExpiringLead(), s.renewalGrace(), index + 1L);
    String note = "";
    try {
      workflow.changeSettings(changed);
    } catch (WorkflowNotFoundException closed) {
      // Nothing left to re-plan; fine only if the model agrees the entity is over.
      note = " ⇒ workflow completed";
      if (!model().terminal()) {
        mismatch(
            Mismatch.Kind.ERROR, index, "settings: workflow completed, model " + model().status);
      }
    }
    model().changeSettings(s.trialExpiringLead(), s.renewalGrace(), now);
    workflow.awaitSignalHandled();
    return note;
  }

  /** Sends a report, start or conversion and applies it to the model; returns it for the log. */
  private String send(int index, Step step, Instant now) {
    Object payload = payload(index, step, now);
    sentByStep.put(index, payload);
    Observed observed = workflow.call(payload);
    outcomes.merge(observed.kind.name(), 1, Integer::sum);
    Outcome expected = applyToModel(payload, now);
    Outcome seen = observed.asSpecOutcome(payload);
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
          Mismatch.Kind.OUTCOME, index, step + ": workflow " + observed + ", model " + expected);
    }
    return payload
        + " ⇒ workflow "
        + observed
        + (observed.detail.isEmpty() ? "" : " (" + observed.detail + ")")
        + ", model "
        + expected;
  }

  private void drain() {
    settle(sequence.steps().size());
    if (diverged) {
      return;
    }
    Instant now = lane.now();
    Instant last = now;
    List<Pending> pending = model().pending();
    Instant next = pending.isEmpty() ? null : pending.get(pending.size() - 1).at();
    if (next != null && next.isAfter(last)) {
      last = next;
    }
    Duration by = Duration.between(now, last).plusHours(1);
    workflow.sleep(by);
    Instant after = lane.now();
    advanceModel(after);
    log.add("final: advance " + human(by) + " → " + after);
    awaitEmissions();
    compare.events(-1);
    compare.view(-1);
  }

  /** What the step sends, with instants resolved against now and the model's state. */
  private Object payload(int index, Step step, Instant now) {
    if (step instanceof Repeat rep) {
      Object earlier = sentByStep.get(rep.step());
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

  void awaitEmissions() {
    Calls.poll(DrivenWorkflow.WAIT_MS, 5, () -> actual().size() >= expected().size());
  }

  /** A terminal workflow completes; calls to it are then answered as the router answers them. */
  private void awaitClosed() {
    if (!workflow.awaitClosed()) {
      log.add("   (workflow still running " + DrivenWorkflow.WAIT_MS + " ms after its last event)");
    }
  }

  void mismatch(Mismatch.Kind kind, int index, String detail) {
    mismatches.add(new Mismatch(kind, index, detail));
    if (kind == Mismatch.Kind.ERROR) {
      System.out.println(
          "ERROR in " + sequence.kind() + " seed " + sequence.seed() + ": " + detail);
    }
    if (kind.diverges()) {
      diverged = true; // the model no longer describes the workflow: stop this sequence here
    }
  }
}
