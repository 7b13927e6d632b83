package io.billhook.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The persistence requests of a Temporal server, by operation, from its Prometheus endpoint (the
 * dev server serves {@code /metrics} on a free port of its own, the production server where its
 * configuration says; either is found among the ports it listens on).
 */
final class TemporalMetrics {
  private static final Pattern REQUESTS =
      Pattern.compile(
          "^(visibility_)?persistence_requests\\{.*?operation=\"([^\"]+)\".*?\\} ([0-9.eE+]+)$");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final URI uri;

  private TemporalMetrics(URI uri) {
    this.uri = uri;
  }

  /** The metrics of the server with this pid; null when it serves none that we can find. */
  static TemporalMetrics of(long pid) {
    for (int port : listeningPorts(pid)) {
      TemporalMetrics candidate =
          new TemporalMetrics(URI.create("http://127.0.0.1:" + port + "/metrics"));
      if (!candidate.persistenceRequests().isEmpty()) {
        return candidate;
      }
    }
    return null;
  }

  /** Persistence requests so far by operation ("visibility " before visibility store ones). */
  Map<String, Double> persistenceRequests() {
    try {
      String text =
          HTTP.send(
                  HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      return parse(text);
    } catch (IOException | RuntimeException e) {
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    }
  }

  /** Prometheus text: persistence requests summed over services and namespaces, by operation. */
  static Map<String, Double> parse(String text) {
    Map<String, Double> byOperation = new TreeMap<>();
    text.lines()
        .map(REQUESTS::matcher)
        .filter(Matcher::matches)
        .forEach(
            m ->
                byOperation.merge(
                    (m.group(1) == null ? "" : "visibility ") + m.group(2),
                    Double.parseDouble(m.group(3)),
                    Double::sum));
    return byOperation;
  }

  /** Requests per unit between two readings, the operations with any. */
  static Map<String, Double> perUnit(
      Map<String, Double> before, Map<String, Double> after, long n) {
    Map<String, Double> per = new TreeMap<>();
    after.forEach(
        (op, count) -> {
          double delta = count - before.getOrDefault(op, 0.0);
          if (delta > 0 && n > 0) {
            per.put(op, delta / n);
          }
        });
    return per;
  }

  /** TCP ports the process listens on: its sockets' inodes matched in /proc/net/tcp{,6}. */
  private static List<Integer> listeningPorts(long pid) {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      fds.forEach(
          fd -> {
            try {
              String target = Files.readSymbolicLink(fd).toString();
              if (target.startsWith("socket:[")) {
                inodes.add(target.substring(8, target.length() - 1));
              }
            } catch (IOException gone) {
              // Closed meanwhile.
            }
          });
    } catch (IOException e) {
      return List.of();
    }
    Set<Integer> ports = new java.util.TreeSet<>();
    for (String table : List.of("tcp", "tcp6")) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/net/" + table))) {
          String[] f = line.trim().split("\\s+");
          if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
            ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
          }
        }
      } catch (IOException | RuntimeException ignored) {
        // No such table: IPv4 only, or gone.
      }
    }
    return List.copyOf(ports);
  }
}
