package io.billhook.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Runs real Node.js, the reference for what Express-style receivers compute. */
public final class Node {
  private Node() {}

  /** What {@code JSON.stringify(JSON.parse(text))} gives in Node.js. */
  public static String stringifyParsed(String text) {
    try {
      Process node =
          new ProcessBuilder(
                  "node",
                  "-e",
                  "let s='';process.stdin.setEncoding('utf8');process.stdin.on('data',d=>s+=d);"
                      + "process.stdin.on('end',()=>process.stdout.write(JSON.stringify(JSON.parse(s))))")
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      node.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
      node.getOutputStream().close();
      String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!node.waitFor(30, TimeUnit.SECONDS) || node.exitValue() != 0) {
        throw new IllegalStateException("node failed on " + text);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("node is needed for this test", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
