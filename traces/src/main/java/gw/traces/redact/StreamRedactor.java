package gw.traces.redact;

import java.util.List;
import java.util.function.Predicate;

/**
 * Redacts a text that arrives in chunks, so a secret split across two chunks is still caught.
 *
 * <p>{@link #push} emits the redacted text up to the last {@link SafeBreaks safe break} and holds
 * back the rest. The redactor never matches across a safe break, so the concatenated output equals
 * {@code redact(wholeText)}.
 *
 * <p>The hold-back is bounded: after {@link #push} returns, at most {@link #MAX_HELD_CHARS} are
 * held. When a text has no safe break for that long (e.g. a 600-char token), all but the last
 * {@link #FORCED_TAIL_CHARS} are emitted, cut before a detected secret or at the start of the
 * current word when possible; only then can a secret longer than that tail leak in part.
 *
 * <p>A multi-line value (a PEM private key: a pattern with {@code spans_lines}) is held from its
 * first line until it is complete; while one is held, the bound is {@link #MAX_BLOCK_CHARS}. A
 * longer one is emitted redacted as far as it came, and its first {@link #BLOCK_CARRY_CHARS}
 * characters stay (unseen) in front of what follows, so the rest of it is still recognised as the
 * same value.
 *
 * <p>Not thread-safe: one instance per stream.
 */
public final class StreamRedactor {
  public static final int MAX_HELD_CHARS = 512;
  public static final int FORCED_TAIL_CHARS = 128;
  public static final int MAX_BLOCK_CHARS = 16_384;
  static final int BLOCK_CARRY_CHARS = 256;

  private final Redactor redactor;
  private final Predicate<Redactor.Match> replace;
  private final StringBuilder held = new StringBuilder();
  /** Leading characters of {@link #held} already emitted: the start of an over-long block. */
  private int hidden;

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
    int cut = redactor.safeBreaks().lastSafeCut(held);
    List<Redactor.Block> blocks = redactor.blocks(held);
    if (!blocks.isEmpty()) {
      return emitAroundBlocks(cut, blocks);
    }
    if (held.length() - cut > MAX_HELD_CHARS) {
      cut = forcedCut();
    }
    return emit(cut);
  }

  /**
   * Cuts before any block still arriving or that the cut would split, at a safe break (a value
   * before a block may run into it); past the block bound, emits all, carrying an open block's start.
   */
  private String emitAroundBlocks(int safeCut, List<Redactor.Block> blocks) {
    int cut = safeCut;
    for (boolean moved = true; moved; ) {
      moved = false;
      for (Redactor.Block block : blocks) {
        if (block.start() < cut && (block.open() || block.end() > cut)) {
          cut = redactor.safeBreaks().lastSafeCut(held, block.start());
          moved = true;
        }
      }
    }
    if (held.length() - cut <= MAX_BLOCK_CHARS) {
      return emit(cut);
    }
    Redactor.Block last = blocks.get(blocks.size() - 1);
    return last.open() ? emitCarrying(last.start()) : emit(held.length());
  }

  /** Redacts and returns everything still held; the stream is then empty and may be reused. */
  public String finish() {
    return emit(held.length());
  }

  /** Characters received but not yet emitted. */
  public int heldChars() {
    return held.length() - hidden;
  }

  private String emit(int cut) {
    if (cut <= hidden) {
      return "";
    }
    String ready = held.substring(0, cut);
    String out = redactor.redact(ready, replace, hidden);
    held.delete(0, cut);
    hidden = 0;
    return out;
  }

  /** Emits all held text, keeping the open block's beginning in front of what comes next. */
  private String emitCarrying(int blockStart) {
    String text = held.toString();
    String out = redactor.redact(text, replace, hidden);
    held.setLength(0);
    held.append(text, blockStart, Math.min(text.length(), blockStart + BLOCK_CARRY_CHARS));
    hidden = held.length();
    return out;
  }

  /** Keeps at most the bound: prefer the start of the word at the cut, never split a detected secret. */
  private int forcedCut() {
    String text = held.toString();
    int cut = text.length() - FORCED_TAIL_CHARS;
    int wordStart = SafeBreaks.wordStart(text, cut);
    if (wordStart > hidden && text.length() - wordStart <= MAX_HELD_CHARS) {
      cut = wordStart;
    }
    for (Redactor.Found found : redactor.find(text)) {
      if (found.start() < cut && found.end() > cut) {
        boolean startFits = found.start() > hidden && text.length() - found.start() <= MAX_HELD_CHARS;
        return startFits ? found.start() : found.end();
      }
    }
    return cut;
  }
}
