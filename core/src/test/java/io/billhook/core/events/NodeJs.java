package io.billhook.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Node.js as the reference: what JavaScript itself makes of the texts the tests feed Billhook. */
final class NodeJs {
  private NodeJs() {}

  /**
   * Evaluates a JavaScript expression of {@code x} for each input, all in one Node.js process; null
   * where it throws. Both directions carry ASCII only, so lone surrogates survive.
   */
  static List<String> evaluate(String expressionOfX, List<String> inputs) {
    String script =
        """
        let s = '';
        process.stdin.setEncoding('ascii');
        process.stdin.on('data', c => s += c);
        process.stdin.on('end', () => {
          const out = JSON.parse(s).map(x => { try { return EXPRESSION; } catch (e) { return null; } });
          process.stdout.write(JSON.stringify(out).replace(/[\\u007f-\\uffff]/g,
              c => '\\\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')));
        });
        """
            .replace("EXPRESSION", expressionOfX);
    String node = new File("/usr/bin/node").canExecute() ? "/usr/bin/node" : "node";
    try {
      Process process =
          new ProcessBuilder(node, "-e", script)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      StringBuilder batch = new StringBuilder("[");
      for (String input : inputs) {
        batch.append(batch.length() == 1 ? "" : ",").append('"').append(ascii(input)).append('"');
      }
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(batch.append(']').toString().getBytes(StandardCharsets.US_ASCII));
      }
      byte[] stdout = process.getInputStream().readAllBytes();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
      assertThat(process.exitValue()).as("node exit code").isZero();
      List<String> outputs = Arrays.asList(new ObjectMapper().readValue(stdout, String[].class));
      assertThat(outputs).hasSameSizeAs(inputs);
      return outputs;
    } catch (IOException e) {
      throw new AssertionError("could not run Node.js (" + node + "), which this test needs", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Escapes a string's content as JSON using ASCII only (lone surrogates survive). */
  static String ascii(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      out.append(
          c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? String.format("\\u%04x", (int) c) : c);
    }
    return out.toString();
  }
}
