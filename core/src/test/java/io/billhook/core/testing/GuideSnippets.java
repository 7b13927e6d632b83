package io.billhook.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Code samples of a user guide, found by the {@code <!-- check: name -->} line right before their
 * fenced block, so a test runs exactly what the guide shows; and the real interpreters to run them.
 */
public final class GuideSnippets {
  private static final Pattern BLOCK =
      Pattern.compile("<!-- check: ([\\w-]+) -->\\s*\\n```\\w*\\n(.*?)\\n```", Pattern.DOTALL);

  private final Map<String, String> snippets;

  private GuideSnippets(Map<String, String> snippets) {
    this.snippets = snippets;
  }

  /** Reads a guide from the repository's {@code docs/} folder. */
  public static GuideSnippets of(String guide) {
    Path file = Path.of(System.getProperty("basedir", "."), "..", "docs", guide).normalize();
    try {
      Matcher m = BLOCK.matcher(Files.readString(file, StandardCharsets.UTF_8));
      Map<String, String> found = new java.util.LinkedHashMap<>();
      while (m.find()) {
        found.put(m.group(1), m.group(2));
      }
      return new GuideSnippets(found);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String get(String name) {
    String snippet = snippets.get(name);
    if (snippet == null) {
      throw new IllegalArgumentException("no <!-- check: " + name + " --> block in the guide");
    }
    return snippet;
  }

  /**
   * Runs {@code program} with {@code command} (its last argument is the program's file) and returns
   * what it printed after {@code RESULT=}.
   */
  public static String run(
      String program, String suffix, Map<String, String> env, String... command) {
    try {
      Path file = Files.createTempFile("guide-snippet", suffix);
      Files.writeString(file, program, StandardCharsets.UTF_8);
      String[] full = java.util.Arrays.copyOf(command, command.length + 1);
      full[command.length] = file.toString();
      ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
      builder.environment().putAll(env);
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(command[0] + " failed:\n" + out);
      }
      Matcher result = Pattern.compile("(?m)^RESULT=(.*)$").matcher(out);
      if (!result.find()) {
        throw new IllegalStateException(command[0] + " printed no result:\n" + out);
      }
      Files.delete(file);
      return result.group(1).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Whether a command exits 0 (a library is installed, say). */
  public static boolean succeeds(Map<String, String> env, String... command) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(env);
      Process process = builder.start();
      process.getInputStream().readAllBytes();
      return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
