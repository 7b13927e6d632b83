package io.billhook.core.chat;

import io.billhook.core.refusals.Refusal;
import java.util.ArrayDeque;
import java.util.Deque;

/** Checks the tags themselves, where jmustache would let a mistake pass or say only the line. */
final class TemplateTags {
  private TemplateTags() {}

  static void check(String template) {
    Deque<String[]> open = new ArrayDeque<>();
    int at = 0;
    while ((at = template.indexOf("{{", at)) >= 0) {
      int end = template.indexOf("}}", at + 2);
      if (end < 0) {
        refuse(template, at, "'{{' is never closed with '}}'");
      }
      String tag = template.substring(at + 2, end).strip();
      if (tag.startsWith("{")) {
        end = template.indexOf("}}}", at + 2);
        if (end < 0) {
          refuse(template, at, "'{{{' is never closed with '}}}'");
        }
        tag = template.substring(at + 3, end).strip();
        end++;
      }
      char kind = tag.isEmpty() ? ' ' : tag.charAt(0);
      String name = tag.length() > 1 ? tag.substring(1).strip() : "";
      if (tag.isEmpty() || ("#^/&".indexOf(kind) >= 0 && name.isEmpty())) {
        refuse(template, at, "empty tag");
      } else if ("><=$".indexOf(kind) >= 0) {
        refuse(template, at, "partials, parents and delimiter changes are not available");
      } else if (kind == '#' || kind == '^') {
        open.push(new String[] {name, Integer.toString(at)});
      } else if (kind == '/') {
        if (open.isEmpty()) {
          refuse(template, at, "'{{/" + name + "}}' closes no open section");
        }
        String[] section = open.pop();
        if (!section[0].equals(name)) {
          refuse(template, at, "'{{/" + name + "}}' closes section '" + section[0] + "'");
        }
      }
      at = end + 2;
    }
    if (!open.isEmpty()) {
      String[] section = open.pop();
      refuse(
          template, Integer.parseInt(section[1]), "section '" + section[0] + "' is never closed");
    }
  }

  private static void refuse(String template, int index, String what) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < index; i++) {
      if (template.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    throw Refusal.invalid(
        "template does not parse at line "
            + line
            + ", column "
            + (template.codePointCount(lineStart, index) + 1)
            + ": "
            + what);
  }
}
