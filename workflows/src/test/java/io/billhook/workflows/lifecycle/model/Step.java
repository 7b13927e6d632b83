package io.billhook.workflows.lifecycle.model;

import java.time.Duration;

/**
 * One step of a generated sequence: a report, a repeat, a settings change, a clock advance, a trial
 * start or a conversion. Instants are relative ("now + offset"), resolved when the step runs.
 */
sealed interface Step {

  /** Where a report's currentPeriodEnd is measured from. */
  enum Base {
    NOW,
    PERIOD_END
  }

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

  /** A duration as a person writes it: {@code 1d2h}, {@code 30m}, {@code 0s}. */
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
}
