package gw.traces.redact;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Text hidden in an encoding a pattern's {@code decode} names: the decoded text, or null when the
 * value does not decode to text. Binary data (an image, a hash) is refused on its first bytes, so a
 * large blob costs little.
 */
final class EncodedText {
  static final Map<String, UnaryOperator<String>> DECODERS = Map.of(
      "base64", EncodedText::base64,
      "url", EncodedText::url);
  /** Characters decoded before the whole value is: enough to tell text from binary. */
  private static final int PROBE_CHARS = 64;

  private EncodedText() {}

  /** Standard or URL-safe base64, padded or not, that decodes to printable UTF-8 text. */
  static String base64(String value) {
    String unpadded = value.replace("=", "");
    if (unpadded.length() % 4 == 1) {
      return null;
    }
    boolean urlSafe = unpadded.indexOf('-') >= 0 || unpadded.indexOf('_') >= 0;
    if (urlSafe && (unpadded.indexOf('+') >= 0 || unpadded.indexOf('/') >= 0)) {
      return null;
    }
    Base64.Decoder decoder = urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder();
    try {
      boolean probed = unpadded.length() > PROBE_CHARS;
      if (probed && printableText(decoder.decode(unpadded.substring(0, PROBE_CHARS))) == null) {
        return null;
      }
      return printableText(decoder.decode(unpadded));
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }

  /** Percent-encoding (and "+" for a space) as in a query string; null when nothing was encoded. */
  static String url(String value) {
    try {
      String decoded = URLDecoder.decode(value, StandardCharsets.UTF_8);
      return decoded.equals(value) ? null : decoded;
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  /** An HTTP Basic credential: base64 of printable {@code user:password}. */
  static boolean isUserAndPassword(String value) {
    String decoded = base64(value);
    return decoded != null && decoded.indexOf(':') > 0 && decoded.length() >= 3;
  }

  /** The bytes as UTF-8 text without control characters other than tab and line breaks, else null. */
  private static String printableText(byte[] bytes) {
    for (byte b : bytes) {
      if (b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7F) {
        return null;
      }
    }
    // The probe may end inside a multi-byte character: a cut-off tail is not malformed.
    String text = new String(bytes, 0, completeCharacters(bytes), StandardCharsets.UTF_8);
    return text.indexOf('\uFFFD') >= 0 ? null : text;
  }

  /** The length without a trailing, incomplete UTF-8 sequence. */
  private static int completeCharacters(byte[] bytes) {
    int end = bytes.length;
    int back = 0;
    while (back < 3 && end - back > 0 && (bytes[end - back - 1] & 0xC0) == 0x80) {
      back++;
    }
    if (end - back > 0) {
      int lead = bytes[end - back - 1] & 0xFF;
      int needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
      if (needed > back) {
        return end - back - 1;
      }
    }
    return end;
  }
}
