package io.billhook.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment the worker image runs Java with ({@code ENV} of deploy/Dockerfile.worker: heap,
 * malloc arenas), so that the bench measures the app as it is deployed, not as a bare {@code java
 * -jar} sizes itself.
 */
final class ImageEnvironment {
  private static final Pattern PAIR = Pattern.compile("([A-Z_][A-Z0-9_]*)=(\"[^\"]*\"|\\S+)");

  private ImageEnvironment() {}

  static Map<String, String> of(Path dockerfile) {
    String text;
    try {
      text = Files.readString(dockerfile).replace("\\\n", " ");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("ENV ")) {
        Matcher pair = PAIR.matcher(line.substring(4));
        while (pair.find()) {
          env.put(pair.group(1), pair.group(2).replace("\"", ""));
        }
      }
    }
    return env;
  }
}
