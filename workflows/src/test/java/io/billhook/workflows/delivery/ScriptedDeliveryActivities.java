package io.billhook.workflows.delivery;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * Delivery activities that answer from a script instead of posting: each endpoint's receiver
 * answers its attempts with the given HTTP statuses in turn (the last one repeats). They fail the
 * way the real activities do, through {@link DeliveryFailures} and the default {@link
 * RetrySchedule} (without jitter; 410 and the last attempt not retryable; a first attempt continued
 * by an activity reported again), so the workflow sees what it sees in production. Every post and
 * every delivery marked failed is kept for tests to read.
 */
public final class ScriptedDeliveryActivities implements DeliveryActivities {
  /** A status the script uses for an attempt that throws before any response (a timeout, say). */
  public static final int NO_RESPONSE = 0;

  /** A status the script uses for an endpoint the vendor disabled between two attempts. */
  public static final int DISABLED = -1;

  /** A status the script uses for an attempt put off because the receiver's host is busy. */
  public static final int BUSY = -2;

  /** One post as the receiver saw it: to which endpoint, as which attempt, when. */
  public record Post(String endpointId, int attempt, long atMillis) {}

  private final Map<String, List<Integer>> statuses;
  private final LongSupplier clock;
  private final Map<String, Integer> sent = new ConcurrentHashMap<>();
  private final List<Post> posts = new CopyOnWriteArrayList<>();
  private final List<String> markedFailed = new CopyOnWriteArrayList<>();

  public ScriptedDeliveryActivities(Map<String, List<Integer>> statusesByEndpoint) {
    this(statusesByEndpoint, System::currentTimeMillis);
  }

  /** With the clock that times the posts (a test environment's, whose time skips). */
  public ScriptedDeliveryActivities(
      Map<String, List<Integer>> statusesByEndpoint, LongSupplier clock) {
    this.statuses = Collections.unmodifiableMap(new LinkedHashMap<>(statusesByEndpoint));
    this.clock = clock;
  }

  @Override
  public DeliveryResult deliver(DeliveryRequest request) {
    int attempt = DeliveryFailures.attemptToMake(request, clock.getAsLong());
    String id = request.endpointId();
    List<Integer> script = statuses.get(id);
    int status = script.get(Math.min(sent.merge(id, 1, Integer::sum), script.size()) - 1);
    if (status == DISABLED) {
      return new DeliveryResult(id, DeliveryStatus.FAILED, attempt - 1, 0, "endpoint is disabled");
    }
    if (status == BUSY) {
      ActivityExecutionContext context = Activity.getExecutionContext();
      int deferred = context.getInfo().getAttempt() - attempt;
      if (!Deferrals.allowed(context, request, attempt, deferred)) {
        throw new IllegalStateException("the script put off an attempt its run cannot put off");
      }
      throw Deferrals.defer(context, "host busy (" + id + ")", deferred, Duration.ofSeconds(1), 0);
    }
    posts.add(new Post(id, attempt, clock.getAsLong()));
    if (status == NO_RESPONSE) {
      throw new IllegalStateException("timed out after 15 s (" + id + ")");
    }
    if (status >= 200 && status < 300) {
      return new DeliveryResult(id, DeliveryStatus.SUCCEEDED, attempt, status, null);
    }
    String failure =
        DeliveryFailures.ofAttempt(
            "HTTP " + status + " from receiver (" + id + ")", attempt, request.maxAttempts());
    if (status == 410) {
      throw DeliveryFailures.gone(failure);
    }
    if (attempt >= request.maxAttempts()) {
      throw DeliveryFailures.givingUp(failure);
    }
    throw DeliveryFailures.retryAfter(
        failure, RetrySchedule.DEFAULT.waitAfter(attempt, 0, Optional.empty()), clock.getAsLong());
  }

  @Override
  public void markFailed(DeliveryRequest request, String reason) {
    markedFailed.add(request.endpointId());
  }

  /** The scripted endpoints, in the script's order. */
  public List<String> scriptedEndpoints() {
    return List.copyOf(statuses.keySet());
  }

  /** The posts the receivers saw, in order. */
  public List<Post> posts() {
    return List.copyOf(posts);
  }

  /** The attempt numbers of the posts to one endpoint, in order. */
  public List<Integer> attempts(String endpointId) {
    return posts.stream()
        .filter(p -> p.endpointId().equals(endpointId))
        .map(Post::attempt)
        .toList();
  }

  /** The endpoints whose deliveries the workflow marked failed. */
  public List<String> markedFailed() {
    return List.copyOf(markedFailed);
  }
}
