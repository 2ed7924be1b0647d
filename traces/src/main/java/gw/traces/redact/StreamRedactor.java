package gw.traces.redact;

import java.util.function.Predicate;

/**
 * Redacts a text that arrives in chunks, so a secret split across two chunks is still caught.
 *
 * <p>{@link #push} emits the redacted text up to the last <em>safe break</em> and holds back the
 * rest. A safe break is whitespace that no pattern can match across: a line break, or a space
 * between a word and the next word, except where a secret may continue (after a digit, ")", "+",
 * ":" or "=", before ":" or "=", and after the word "Bearer"). Cutting only there makes the
 * concatenated output equal to {@code redact(wholeText)}.
 *
 * <p>The hold-back is bounded: after {@link #push} returns, at most {@link #MAX_HELD_CHARS} are
 * held. When a text has no safe break for that long (e.g. a 600-char token), all but the last
 * {@link #FORCED_TAIL_CHARS} are emitted, cut before a detected secret or at the start of the
 * current word when possible; only then can a secret longer than that tail leak in part.
 *
 * <p>Not thread-safe: one instance per stream.
 */
public final class StreamRedactor {
  public static final int MAX_HELD_CHARS = 512;
  public static final int FORCED_TAIL_CHARS = 128;

  private final Redactor redactor;
  private final Predicate<Redactor.Match> replace;
  private final StringBuilder held = new StringBuilder();

  public StreamRedactor(Redactor redactor) {
    this(redactor, match -> true);
  }

  /** Replaces only the values {@code replace} accepts; it sees each value once, whole. */
  public StreamRedactor(Redactor redactor, Predicate<Redactor.Match> replace) {
    this.redactor = redactor;
    this.replace = replace;
  }

  /** Appends a chunk and returns the redacted text that is safe to emit now (possibly empty). */
  public String push(String chunk) {
    if (chunk == null || chunk.isEmpty()) {
      return "";
    }
    held.append(chunk);
    int cut = SafeBreaks.lastSafeCut(held);
    if (held.length() - cut > MAX_HELD_CHARS) {
      cut = forcedCut();
    }
    return emit(cut);
  }

  /** Redacts and returns everything still held; the stream is then empty and may be reused. */
  public String finish() {
    return emit(held.length());
  }

  /** Characters received but not yet emitted. */
  public int heldChars() {
    return held.length();
  }

  private String emit(int cut) {
    if (cut <= 0) {
      return "";
    }
    String ready = held.substring(0, cut);
    held.delete(0, cut);
    return redactor.redact(ready, replace);
  }

  /** Keeps at most the bound: prefer the start of the word at the cut, never split a detected secret. */
  private int forcedCut() {
    String text = held.toString();
    int cut = text.length() - FORCED_TAIL_CHARS;
    int wordStart = SafeBreaks.wordStart(text, cut);
    if (wordStart > 0 && text.length() - wordStart <= MAX_HELD_CHARS) {
      cut = wordStart;
    }
    for (Redactor.Found found : redactor.find(text)) {
      if (found.start() < cut && found.end() > cut) {
        boolean startFits = found.start() > 0 && text.length() - found.start() <= MAX_HELD_CHARS;
        return startFits ? found.start() : found.end();
      }
    }
    return cut;
  }
}
