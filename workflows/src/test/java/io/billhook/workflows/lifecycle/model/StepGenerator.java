package io.billhook.workflows.lifecycle.model;

import io.billhook.workflows.lifecycle.LifecycleSettings;
import io.billhook.workflows.lifecycle.model.Step.Advance;
import io.billhook.workflows.lifecycle.model.Step.Base;
import io.billhook.workflows.lifecycle.model.Step.Convert;
import io.billhook.workflows.lifecycle.model.Step.Repeat;
import io.billhook.workflows.lifecycle.model.Step.Report;
import io.billhook.workflows.lifecycle.model.Step.Settings;
import io.billhook.workflows.lifecycle.model.Step.Start;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random sequences from a seed: the same seed always gives the same settings, history limit and
 * steps, so a failing seed can be replayed alone.
 */
final class StepGenerator {
  private StepGenerator() {}

  /** A random subscription sequence: mostly created first, then reports, settings, advances. */
  static Run subscription(long seed) {
    Random r = new Random(seed);
    LifecycleSettings settings = initialSettings(r);
    int limit = historyLimit(r);
    return new Run(
        new Sequence(
            EntityKind.SUBSCRIPTION, seed, subscriptionSteps(r), settings, limit, "random", null));
  }

  /**
   * A random trial sequence: mostly started first, then starts, conversions, settings, advances.
   */
  static Run trial(long seed) {
    Random r = new Random(seed);
    LifecycleSettings settings = initialSettings(r);
    int limit = historyLimit(r);
    return new Run(
        new Sequence(EntityKind.TRIAL, seed, trialSteps(r), settings, limit, "random", null));
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
    return scaled(
        r,
        new Scale(8, 0, 0),
        new Scale(30, 1, 59),
        new Scale(55, 60, 3540),
        new Scale(85, 3600, 23 * 3600),
        new Scale(100, 86400, 3 * 86400));
  }

  /** A lead or grace: seconds to days. */
  static Duration setting(Random r) {
    return scaled(
        r,
        new Scale(12, 1, 59),
        new Scale(35, 60, 3540),
        new Scale(75, 3600, 72 * 3600),
        new Scale(100, 86400, 6 * 86400));
  }

  /**
   * A scale for {@link #scaled}: chosen when the roll is below {@code belowPercent}; its durations
   * are {@code fromSeconds} plus up to {@code spreadSeconds} (exclusive) more.
   */
  private record Scale(int belowPercent, int fromSeconds, int spreadSeconds) {}

  /** Rolls a percentage for the scale, then a duration within it (no second roll if fixed). */
  private static Duration scaled(Random r, Scale... scales) {
    int w = r.nextInt(100);
    for (Scale scale : scales) {
      if (w < scale.belowPercent()) {
        int spread = scale.spreadSeconds() == 0 ? 0 : r.nextInt(scale.spreadSeconds());
        return Duration.ofSeconds(scale.fromSeconds() + spread);
      }
    }
    throw new IllegalStateException("scales must reach 100 %");
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
        // Cancelling a subscription that was never created is left out: see LifecycleModelTest.
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
}
