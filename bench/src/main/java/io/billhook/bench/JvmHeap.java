package io.billhook.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The live heap of a JVM: a full GC through jcmd, then its heap summary line. */
final class JvmHeap {
  private JvmHeap() {}

  static String liveAfterFullGc(long pid) {
    try {
      jcmd(pid, "GC.run");
      String info = jcmd(pid, "GC.heap_info");
      return info.lines()
          .filter(l -> l.contains("total") && l.contains("used"))
          .findFirst()
          .map(String::trim)
          .orElse("n/a");
    } catch (IOException e) {
      return "n/a (" + e.getMessage() + ")";
    }
  }

  private static String jcmd(long pid, String command) throws IOException {
    Process p =
        new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(60, TimeUnit.SECONDS);
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
