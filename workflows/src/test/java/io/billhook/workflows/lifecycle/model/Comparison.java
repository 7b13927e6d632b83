package io.billhook.workflows.lifecycle.model;

import static io.billhook.workflows.lifecycle.model.Calls.describe;

import io.billhook.workflows.lifecycle.GeneratedEvent;
import io.billhook.workflows.lifecycle.model.Lane.Emission;
import io.billhook.workflows.lifecycle.model.LifecycleModel.Expected;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a {@link Run}'s workflow did, compared with the model: the emitted events (type, order, id,
 * {@code at}, emission time, data) and the view (status, period or trial end).
 */
final class Comparison {
  /** How late an emission (and an "at once" instant) may be, after the model's instant. */
  static final Duration TOLERANCE = Duration.ofSeconds(2);

  /** eventId → vendor/entity/type that produced it, across every run. */
  private static final Map<String, String> ID_OWNERS = new ConcurrentHashMap<>();

  /** vendor/entity/type → eventId, across every run. */
  private static final Map<String, String> OWNER_IDS = new ConcurrentHashMap<>();

  private final Run run;

  /** How many events have been checked in full (earlier ones are only re-checked for type). */
  private int checked;

  Comparison(Run run) {
    this.run = run;
  }

  void events(int index) {
    for (int attempt = 0; attempt < 2; attempt++) {
      run.advanceModel(run.lane.now());
      run.awaitEmissions();
      if (run.actual().size() <= run.expected().size()) {
        break;
      }
    }
    List<Emission> actual = run.actual();
    List<Expected> expected = run.expected();
    Map<String, String> idByType = new HashMap<>();
    for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
      Emission a = actual.get(i);
      Expected e = expected.get(i);
      if (!a.event().type().equals(e.type())) {
        run.mismatch(
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
      event(index, i, a, e, previous);
    }
    if (actual.size() != expected.size()) {
      run.mismatch(
          Mismatch.Kind.EVENTS,
          index,
          "workflow emitted " + actual.size() + " events, model " + expected.size());
    }
  }

  private void event(int index, int i, Emission a, Expected e, String previousId) {
    GeneratedEvent ev = a.event();
    String what = "event " + i + " (" + e.type() + ")";
    // "At once" is the moment the workflow applied the change: between sending it and its answer.
    Instant latest = e.atOnce() ? run.stepEnds.getOrDefault(e.at(), e.at()) : e.at();
    if (e.atOnce()) {
      if (ev.at().isBefore(e.at()) || ev.at().isAfter(latest.plus(TOLERANCE))) {
        run.mismatch(
            Mismatch.Kind.AT_ONCE,
            index,
            what + " at=" + ev.at() + ", model: at once, in [" + e.at() + ", " + latest + " +2s]");
      }
    } else if (!ev.at().equals(e.at())) {
      run.mismatch(
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
      run.mismatch(
          Mismatch.Kind.EMIT_TIME,
          index,
          what + " emitted at " + a.envTime() + ", model instant " + e.at());
    }
    eventId(
        index, what, ev.eventId(), run.vendorId + "/" + run.entityId + "/" + e.type(), previousId);
    if (!run.vendorId.equals(ev.vendorId())) {
      run.mismatch(Mismatch.Kind.DATA, index, what + " vendorId " + ev.vendorId());
    }
    for (Map.Entry<String, String> field : e.data().entrySet()) {
      String got = ev.data().get(field.getKey());
      boolean same =
          field.getKey().equals("currentPeriodEnd")
              ? sameInstant(got, field.getValue())
              : field.getValue().equals(got);
      if (!same) {
        run.mismatch(
            Mismatch.Kind.DATA,
            index,
            what + " data." + field.getKey() + "=" + got + ", model " + field.getValue());
      }
    }
  }

  /** An id is stable per entity and type, and never shared by two of them. */
  private void eventId(int index, String what, String id, String owner, String previousId) {
    if (id == null || id.isBlank()) {
      run.mismatch(Mismatch.Kind.EVENT_ID, index, what + " has no id");
      return;
    }
    if (previousId != null && !previousId.equals(id)) {
      run.mismatch(Mismatch.Kind.EVENT_ID, index, what + " id " + id + " != " + previousId);
    }
    String other = ID_OWNERS.putIfAbsent(id, owner);
    if (other != null && !other.equals(owner)) {
      run.mismatch(Mismatch.Kind.EVENT_ID, index, what + " id " + id + " also used by " + other);
    }
    String known = OWNER_IDS.putIfAbsent(owner, id);
    if (known != null && !known.equals(id)) {
      run.mismatch(
          Mismatch.Kind.EVENT_ID, index, what + " id " + id + " earlier " + known + " for it");
    }
  }

  private static boolean sameInstant(String a, String b) {
    try {
      return a != null && Instant.parse(a).equals(Instant.parse(b));
    } catch (RuntimeException e) {
      return false;
    }
  }

  void view(int index) {
    DrivenWorkflow.View view;
    try {
      view = run.workflow.view();
    } catch (RuntimeException e) {
      run.mismatch(Mismatch.Kind.ERROR, index, "view(): " + describe(e));
      return;
    }
    String modelStatus = run.model().status;
    Instant modelEnd = run.model().end();
    if (!view.status().equals(modelStatus)) {
      run.mismatch(
          Mismatch.Kind.STATUS, index, "status " + view.status() + ", model " + modelStatus);
    } else if (view.end() == null ? modelEnd != null : !view.end().equals(modelEnd)) {
      run.mismatch(Mismatch.Kind.STATUS, index, "end " + view.end() + ", model " + modelEnd);
    }
  }
}
