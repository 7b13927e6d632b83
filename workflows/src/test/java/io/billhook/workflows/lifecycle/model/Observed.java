package io.billhook.workflows.lifecycle.model;

import io.billhook.workflows.lifecycle.LifecycleConflict;
import io.billhook.workflows.lifecycle.TrialConversion;
import io.billhook.workflows.lifecycle.model.LifecycleModel.Outcome;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** What a call to the workflow did. */
final class Observed {
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
    return of(action, Calls.CALL_TIMEOUT_SECONDS);
  }

  static Observed of(Supplier<Object> action, long timeoutSeconds) {
    Future<Object> future = Calls.POOL.submit(action::get);
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
    } catch (ExecutionException wrapped) {
      Throwable e = wrapped.getCause();
      if (e instanceof WorkflowUpdateException u && u.getCause() instanceof ApplicationFailure f) {
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
      return new Observed(Type.ERROR, Calls.describe(e));
    }
  }

  /**
   * The spec's outcome, reading a completed workflow the way {@code LifecycleRouter} does: a report
   * or a trial start to it is a conflict, a conversion of it is ignored.
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
