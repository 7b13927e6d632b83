package io.billhook.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

/** An error message speaks the caller's language: no Java class, package or library name. */
public final class CallersTerms {
  private static final Pattern JAVA_WORDS =
      Pattern.compile(
          "java\\.|javax?\\b|io\\.billhook|jackson|tools\\.|springframework|Exception|\\$|`"
              + "|\\bclass\\b|Required request body|HttpMessage|Source:",
          Pattern.CASE_INSENSITIVE);

  private CallersTerms() {}

  public static void assertPlain(String detail) {
    assertThat(detail).as("a problem detail").isNotBlank();
    assertThat(JAVA_WORDS.matcher(detail).find())
        .as("Java or library words in: %s", detail)
        .isFalse();
  }
}
