package io.billhook.workflows.lifecycle.model;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Blocking calls to the test environment, each with a time limit, and polling with a deadline. */
final class Calls {
  static final long CALL_TIMEOUT_SECONDS = 15;

  /** Where the calls run, so a stuck one can be abandoned. */
  static final ExecutorService POOL = Executors.newCachedThreadPool(daemon("lifecycle-call"));

  private Calls() {}

  /** Runs a blocking call with a time limit, so one stuck call cannot hang the whole class. */
  static <T> T bounded(Supplier<T> call) {
    Future<T> future = POOL.submit(call::get);
    try {
      return future.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new IllegalStateException("no answer within " + CALL_TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
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

  /**
   * Asks {@code done} every {@code everyMs} until it says yes or {@code waitMs} (real time) have
   * passed; returns whether it said yes.
   */
  static boolean poll(long waitMs, long everyMs, BooleanSupplier done) {
    long deadline = System.currentTimeMillis() + waitMs;
    while (System.currentTimeMillis() < deadline) {
      if (done.getAsBoolean()) {
        return true;
      }
      sleepMillis(everyMs);
    }
    return false;
  }

  /** A failure and its causes on one line. */
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

  static void sleepMillis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
