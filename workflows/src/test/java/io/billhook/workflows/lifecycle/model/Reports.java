package io.billhook.workflows.lifecycle.model;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the runs print: coverage always, and for sequences that differ, all it takes to see why. */
final class Reports {
  private Reports() {}

  /** Everything needed to understand a failing sequence, with the command that replays it. */
  static String of(Run run) {
    StringBuilder out = new StringBuilder();
    String method = run.testName == null ? "" : "#" + run.testName;
    out.append("=== ")
        .append(run.sequence.kind())
        .append(" seed ")
        .append(run.sequence.seed())
        .append(" (")
        .append(run.sequence.label())
        .append(", workflow ")
        .append(run.workflowId)
        .append(", runs ")
        .append(run.runCount)
        .append(")\n");
    out.append("replay: ./mvnw -B -o -q -pl workflows -am test -Dtest=LifecycleModelTest")
        .append(method)
        .append(
            run.sequence.label().equals("random") ? " -Dlifecycle.seed=" + run.sequence.seed() : "")
        .append(" -Dsurefire.failIfNoSpecifiedTests=false\n");
    out.append("mismatches:\n");
    run.mismatches.forEach(m -> out.append("  ").append(m).append('\n'));
    out.append("steps (generated):\n");
    for (int i = 0; i < run.sequence.steps().size(); i++) {
      out.append(String.format("  #%-2d %s%n", i, run.sequence.steps().get(i)));
    }
    out.append("run log:\n");
    run.log.forEach(l -> out.append("  ").append(l).append('\n'));
    out.append("model state: ").append(run.model()).append('\n');
    out.append("model events:\n");
    run.expected().forEach(e -> out.append("  ").append(e).append('\n'));
    out.append("workflow events:\n");
    run.actual().forEach(e -> out.append("  ").append(e).append('\n'));
    return out.toString();
  }

  /** What a batch covered: sequences, steps, outcomes, model events, continue-as-new. */
  static String coverage(List<Run> runs, String testName, long ms, int lanes, int failed) {
    int steps = runs.stream().mapToInt(r -> r.sequence.steps().size()).sum();
    Map<String, Integer> calls = new TreeMap<>();
    Map<String, Integer> events = new TreeMap<>();
    runs.forEach(r -> r.outcomes.forEach((k, v) -> calls.merge(k, v, Integer::sum)));
    runs.forEach(
        r ->
            r.expected()
                .forEach(
                    e -> events.merge(e.type() + (e.atOnce() ? " at once" : ""), 1, Integer::sum)));
    return String.format(
        "%s: %d sequences, %d steps in %d ms on %d lanes; %d differ from the model%n"
            + "  calls %s; model events %s;%n"
            + "  %d sequences continued-as-new (max %d runs), %d guard advances;%n"
            + "  %d conflicts arrived re-wrapped by the SDK (type %s, sdk-java#2875)%n",
        testName,
        runs.size(),
        steps,
        ms,
        lanes,
        failed,
        calls,
        events,
        runs.stream().filter(r -> r.runCount > 1).count(),
        runs.stream().mapToInt(r -> r.runCount).max().orElse(0),
        runs.stream().mapToInt(r -> r.guards).sum(),
        runs.stream().mapToInt(r -> r.rewrappedConflicts).sum(),
        Observed.DOUBLE_WRAPPED);
  }

  /** The failed sequences by kind of mismatch, with the shortest of each kind in full. */
  static String summary(List<Run> runs, List<Run> failed, String testName) {
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
                    kind,
                    list.size(),
                    list.stream().limit(8).map(r -> r.sequence.seed()).toList())));
    // One detailed sequence per kind of mismatch (the shortest), so each cause is visible.
    List<Run> shown = new ArrayList<>();
    byKind.forEach(
        (kind, list) ->
            list.stream()
                .min(
                    (a, b) -> Integer.compare(a.sequence.steps().size(), b.sequence.steps().size()))
                .filter(r -> !shown.contains(r))
                .ifPresent(shown::add));
    for (Run run : shown) {
      out.append('\n').append(of(run));
    }
    return out.toString();
  }
}
