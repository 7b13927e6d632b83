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
 */
record DevServerCommand(Path cli, Path dir, int port, int uiPort) {
  /** Starts the server, writes its pid, stops it at EOF on stdin, exits with its status. */
  private static final String WRAPPER =
      "exec 3<&0; \"$@\" 3<&- & child=$!; echo $child > \"$BILLHOOK_PID_FILE\"; "
          + "( cat <&3 >/dev/null; kill -TERM $child 2>/dev/null ) & exec 3<&-; "
          + "wait $child";

  Path database() {
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

  List<String> server() {
    List<String> line =
        new ArrayList<>(
            List.of(
                cli.toString(),
                "server",
                "start-dev",
                "--db-filename",
                database().toString(),
                "--ip",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--ui-port",
                Integer.toString(uiPort),
                "--ui-disable-news-fetch",
                "--log-level",
                "warn",
                "--dynamic-config-value",
                "system.enableEagerWorkflowStart=true"));
    SearchAttributes.ALL.forEach(
        key -> line.addAll(List.of("--search-attribute", key.getName() + "=Keyword")));
    return line;
  }
}
