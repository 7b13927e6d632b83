package io.billhook.core.delivery;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;

/**
 * How many delivery attempts this worker has in flight to each receiver host (host and port), and
 * at most how many it allows: an attempt takes a slot before it posts and gives it back when done,
 * or finds none and is put off. All the endpoints of a host share its slots, however many there
 * are, so one slow receiver (or a thousand endpoints on it) holds at most that many of the worker's
 * threads and connections.
 */
public final class HostSlots {
  /** Attempts in flight to one host, at most, unless configured otherwise. */
  public static final int DEFAULT = 8;

  private final int perHost;
  private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

  public HostSlots(int perHost) {
    if (perHost < 1) {
      throw new IllegalArgumentException("at least one attempt per host (got " + perHost + ")");
    }
    this.perHost = perHost;
  }

  public int perHost() {
    return perHost;
  }

  /** A slot held for one attempt; closing it gives it back (once). */
  public interface Slot extends AutoCloseable {
    @Override
    void close();
  }

  /** A slot for an attempt to {@code url}'s host, or empty when all of its slots are taken. */
  public Optional<Slot> tryTake(String url) {
    String host = hostOf(url);
    boolean[] taken = {false};
    inFlight.compute(
        host,
        (key, count) -> {
          int now = count == null ? 0 : count;
          if (now >= perHost) {
            return count;
          }
          taken[0] = true;
          return now + 1;
        });
    if (!taken[0]) {
      return Optional.empty();
    }
    boolean[] closed = {false};
    return Optional.of(
        () -> {
          synchronized (closed) {
            if (closed[0]) {
              return;
            }
            closed[0] = true;
          }
          inFlight.computeIfPresent(host, (key, count) -> count <= 1 ? null : count - 1);
        });
  }

  /** Attempts in flight to {@code url}'s host. */
  public int inFlight(String url) {
    return inFlight.getOrDefault(hostOf(url), 0);
  }

  /**
   * The host and port an attempt goes to, as the HTTP client connects: lower case, without a
   * trailing dot, with the scheme's default port spelled out. A URL that does not parse is its own
   * host (its attempt fails before any connection).
   */
  static String hostOf(String url) {
    HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
    if (parsed == null) {
      return String.valueOf(url);
    }
    String host = parsed.host().toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    return host + ":" + parsed.port();
  }
}
