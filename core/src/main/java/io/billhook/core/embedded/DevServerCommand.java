package io.billhook.core.embedded;

import io.billhook.workflows.SearchAttributes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of the dev server and the files it keeps under {@code <data dir>/temporal}.
 *
 * <p>It runs under a small {@code sh} wrapper that holds this JVM's end of a pipe on its stdin:
 * when the JVM dies, however it dies, the pipe closes and the wrapper stops the server (SIGTERM),
 * so that no server outlives Billhook. The wrapper runs in its own session ({@code setsid}, where
 * there is one), so that a Ctrl-C in the terminal reaches Billhook only, which then stops the
 * server after its workers.
 *
 * <p>Public for the harnesses that start dev servers for tests and the benchmark, so that they run
 * the line the embedded default runs.
 */
public record DevServerCommand(Path cli, Path dir, int port, int uiPort, String codecEndpoint) {
  /** Starts the server, writes its pid, stops it at EOF on stdin, exits with its status. */
  private static final String WRAPPER =
      "exec 3<&0; \"$@\" 3<&- & child=$!; echo $child > \"$BILLHOOK_PID_FILE\"; "
          + "( cat <&3 >/dev/null; kill -TERM $child 2>/dev/null ) & exec 3<&-; "
          + "wait $child";

  /** Without a codec endpoint: its UI shows payloads as stored. */
  public DevServerCommand(Path cli, Path dir, int port, int uiPort) {
    this(cli, dir, port, uiPort, null);
  }

  public Path database() {
    return dir.resolve("temporal.db");
  }

  Path pidFile() {
    return dir.resolve("temporal.pid");
  }

  Path logFile() {
    return dir.resolve("temporal.log");
  }

  /** What identifies our server in /proc: the binary and our database file. */
  String[] marks() {
    return new String[] {cli.toString(), database().toString()};
  }

  List<String> wrapped() {
    List<String> line = new ArrayList<>();
    for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
      if (Files.isExecutable(Path.of(setsid))) {
        line.add(setsid);
        break;
      }
    }
    line.addAll(List.of("sh", "-c", WRAPPER, "billhook-temporal"));
    line.addAll(server());
    return line;
  }

  /** The server as the embedded default runs it, with Billhook's search attributes registered. */
  public List<String> server() {
    return server(true);
  }

  /**
   * The server as the embedded default runs it: persisted to {@link #database()} (write-ahead log,
   * synced at every commit), its Web UI on {@code uiPort} decoding payloads through {@code
   * codecEndpoint} (when there is one), eager workflow start and task queue fairness enabled;
   * Billhook's search attributes registered up front, or (false) left for the app to register.
   */
  public List<String> server(boolean searchAttributes) {
    List<String> line = startDev(cli, port, "warn", searchAttributes);
    line.addAll(
        List.of(
            "--db-filename",
            database().toString(),
            // A commit is one fsync of the write-ahead log instead of the rollback journal's
            // several; synchronous=full keeps every acknowledged commit across a power cut.
            "--sqlite-pragma",
            "journal_mode=wal",
            "--sqlite-pragma",
            "synchronous=full",
            "--ui-port",
            Integer.toString(uiPort),
            "--ui-disable-news-fetch",
            "--dynamic-config-value",
            "system.enableEagerWorkflowStart=true",
            // Deliveries carry one fairness key per vendor; this server honours them when asked.
            "--dynamic-config-value",
            "matching.enableFairness=true"));
    if (codecEndpoint != null) {
      line.addAll(List.of("--ui-codec-endpoint", codecEndpoint));
    }
    return line;
  }

  /**
   * {@code temporal server start-dev} on loopback at {@code port}, in memory (no {@code
   * --db-filename}), its Web UI on the CLI's default port (no {@code --ui-port} or {@code
   * --headless}), logging from {@code logLevel} up, with Billhook's search attributes if asked:
   * what every dev server Billhook starts has in common, for callers to add their options to.
   */
  public static List<String> startDev(
      Path cli, int port, String logLevel, boolean searchAttributes) {
    List<String> line =
        new ArrayList<>(
            List.of(
                cli.toString(),
                "server",
                "start-dev",
                "--ip",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--log-level",
                logLevel));
    if (searchAttributes) {
      SearchAttributes.ALL.forEach(
          key -> line.addAll(List.of("--search-attribute", key.getName() + "=Keyword")));
    }
    return line;
  }
}
