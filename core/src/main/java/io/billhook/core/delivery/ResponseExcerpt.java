package io.billhook.core.delivery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import okio.Buffer;
import okio.BufferedSource;

/**
 * The start of a receiver's response, as the delivery log keeps it: at most {@link #MAX_BYTES}
 * bytes are read (a huge body is never read in full), decoded as UTF-8 with every invalid sequence,
 * NUL and other control character (but tab and newlines) replaced by U+FFFD, so that any bytes a
 * receiver sends can be stored and shown.
 */
public final class ResponseExcerpt {
  public static final int MAX_BYTES = 1024;
  private static final char REPLACEMENT = '\uFFFD';

  private ResponseExcerpt() {}

  /**
   * Reads up to {@link #MAX_BYTES} bytes of {@code source}, keeping what arrived when reading stops
   * early (the call's time budget ran out, the receiver hung up).
   *
   * @param cut set to true when reading was stopped by an error before the end of the body
   */
  static String read(BufferedSource source, boolean[] cut) {
    Buffer bytes = new Buffer();
    try {
      while (bytes.size() < MAX_BYTES) {
        if (source.read(bytes, MAX_BYTES - bytes.size()) == -1) {
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      cut[0] = true;
    }
    return clean(bytes.readByteArray(), bytes.size() >= MAX_BYTES || cut[0]);
  }

  /** Cleans raw bytes; {@code truncated} drops a multi-byte character cut off at the end. */
  static String clean(byte[] bytes, boolean truncated) {
    int length = truncated ? withoutPartialLastCharacter(bytes) : bytes.length;
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)
            .replaceWith(String.valueOf(REPLACEMENT));
    String text;
    try {
      text = decoder.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalStateException(e); // impossible: REPLACE never throws
    }
    return clean(text);
  }

  /** Replaces control characters (but tab, CR, LF) and lone surrogates in text with U+FFFD. */
  public static String clean(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c) || isControl(c)) {
        out.append(REPLACEMENT);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isControl(char c) {
    return (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')
        || c == '\uFFFE'
        || c == '\uFFFF';
  }

  /** The length without a trailing, incomplete UTF-8 sequence. */
  private static int withoutPartialLastCharacter(byte[] bytes) {
    for (int back = 1; back <= Math.min(3, bytes.length); back++) {
      int b = bytes[bytes.length - back] & 0xff;
      if ((b & 0xc0) == 0x80) {
        continue; // a continuation byte: look further back for the lead
      }
      int needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      return needed > back ? bytes.length - back : bytes.length;
    }
    return bytes.length;
  }
}
