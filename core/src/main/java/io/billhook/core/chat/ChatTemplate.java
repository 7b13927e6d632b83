package io.billhook.core.chat;

import com.samskivert.mustache.BasicCollector;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import io.billhook.core.refusals.Refusal;
import java.io.Writer;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An endpoint's message template: Mustache (jmustache) rendered against the envelope with its
 * secrets removed ({@link ScrubbedEnvelope}). Its output is plain text: each platform shows it as
 * typed, never as markup, so {@code {{x}}} and {{{x}}} are the same. Values are read from maps and
 * lists only (no reflection, no lambdas); partials, parents and delimiter changes are refused; a
 * render stops at {@link #MAX_ITERATIONS} section repetitions and keeps {@link #MAX_OUTPUT}
 * characters.
 */
final class ChatTemplate {
  static final int MAX_LENGTH = 2000;
  static final int MAX_ITERATIONS = 2000;
  static final int MAX_OUTPUT = 8000;

  private ChatTemplate() {}

  /** Refuses (400, with line and column) a template that cannot be used. */
  static void check(String template) {
    if (template.codePointCount(0, template.length()) > MAX_LENGTH) {
      throw Refusal.invalid("template must be at most " + MAX_LENGTH + " characters");
    }
    if (template
        .chars()
        .anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r')) {
      throw Refusal.invalid(
          "template must be text: no control characters besides line breaks and tabs");
    }
    TemplateTags.check(template);
    try {
      compiler(new int[1]).compile(template);
    } catch (RuntimeException e) {
      throw Refusal.invalid("template does not parse: " + reason(e));
    }
  }

  /** The template's text for the envelope, or empty when it cannot be rendered within bounds. */
  static Optional<String> render(String template, Map<String, Object> envelope) {
    StringBuilder out = new StringBuilder();
    try {
      compiler(new int[1]).compile(template).execute(envelope, new BoundedWriter(out));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    return Optional.of(out.toString());
  }

  private static String reason(RuntimeException e) {
    return e instanceof MustacheException && e.getMessage() != null
        ? e.getMessage().replace(" @ line ", " at line ")
        : "it is not valid Mustache";
  }

  /** A compiler that reads maps and lists only, counting section repetitions in {@code count}. */
  private static Mustache.Compiler compiler(int[] count) {
    return Mustache.compiler()
        .escapeHTML(false)
        .defaultValue("")
        .withLoader(
            name -> {
              throw new MustacheException("partials are not available");
            })
        .withCollector(new CountingCollector(count));
  }

  private static final class CountingCollector extends BasicCollector {
    private final int[] count;

    CountingCollector(int[] count) {
      this.count = count;
    }

    @Override
    public Iterator<?> toIterator(Object value) {
      Iterator<?> iterator = super.toIterator(value);
      if (iterator == null) {
        return null;
      }
      return new Iterator<Object>() {
        @Override
        public boolean hasNext() {
          return iterator.hasNext();
        }

        @Override
        public Object next() {
          if (++count[0] > MAX_ITERATIONS) {
            throw new MustacheException("too many repetitions");
          }
          return iterator.next();
        }
      };
    }

    @Override
    public <K, V> Map<K, V> createFetcherCache() {
      return new ConcurrentHashMap<>();
    }
  }

  /** Keeps the first {@link #MAX_OUTPUT} characters written and drops the rest. */
  private static final class BoundedWriter extends Writer {
    private final StringBuilder out;

    BoundedWriter(StringBuilder out) {
      this.out = out;
    }

    @Override
    public void write(char[] chars, int off, int len) {
      int room = MAX_OUTPUT - out.length();
      if (room > 0) {
        out.append(chars, off, Math.min(room, len));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
