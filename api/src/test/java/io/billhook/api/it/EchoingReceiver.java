package io.billhook.api.it;

import io.billhook.testkit.Receiver;
import io.billhook.testkit.Receiver.Answer;
import io.billhook.testkit.Receiver.Delivery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A receiver on loopback as careless as some are: the first request to each path under {@code
 * /flaky/} gets a 500 whose body echoes the whole request back (the customer's data with it), every
 * later one a 200; other paths always get a 200.
 */
final class EchoingReceiver implements AutoCloseable {
  private static final byte[] THANKS = "thanks".getBytes(StandardCharsets.UTF_8);

  private final Receiver receiver = Receiver.start();
  private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

  EchoingReceiver() {
    receiver.answerWith(
        (path, body) ->
            path.startsWith("/flaky/") && failedOnce.add(path)
                ? new Answer(500, body)
                : new Answer(200, THANKS));
  }

  String url(String path) {
    return receiver.url(path);
  }

  /** Waits until the path accepted an event of this type; fails after the timeout. */
  void awaitAccepted(String path, String type, Duration timeout) {
    receiver.await(
        path + " accepting " + type,
        d -> d.path().equals(path) && type.equals(d.type()) && d.accepted(),
        timeout);
  }

  List<Delivery> all() {
    return receiver.all();
  }

  /** How many times each path accepted (answered 2xx) each event, by path then event id. */
  Map<String, Map<String, Long>> acceptedCounts() {
    return receiver.all().stream()
        .filter(Delivery::accepted)
        .collect(
            Collectors.groupingBy(
                Delivery::path, Collectors.groupingBy(Delivery::eventId, Collectors.counting())));
  }

  @Override
  public void close() {
    receiver.close();
  }
}
