package gw.traces.redact;

import com.fasterxml.jackson.databind.JsonNode;
import gw.traces.TraceRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;

/**
 * Replaces secrets and personal data with typed placeholders such as {@code [REDACTED:email]}, by
 * the patterns of a catalogue ({@code redaction_patterns.json}). Immutable and thread-safe: build
 * once, share everywhere.
 */
public final class Redactor {
  /** The catalogue's file name, in a config directory and as this library's built-in copy. */
  public static final String PATTERNS_FILE = "redaction_patterns.json";
  /** Structural values: ids the gateway minted, enums, timestamps and hashes. Never free text. */
  private static final Set<String> STRUCTURAL_FIELDS = Set.of(
      "trace_id", "traceparent", "timestamp", "environment", "customer_tier", "status", "route",
      "user_id_hash", "replay_of", "sampling", "tokens", "span_id", "parent_span_id");

  /** Leftmost first; at one start the pattern listed first (the most specific), then the longest. */
  private static final Comparator<Found> LEFTMOST_MOST_SPECIFIC_FIRST =
      Comparator.comparingInt(Found::start)
          .thenComparingInt(Found::priority)
          .thenComparing(Comparator.comparingInt(Found::length).reversed());

  private final List<SensitivePattern> patterns;
  /** The patterns whose values span lines, which a stream holds back whole. */
  private final List<SensitivePattern> blockPatterns;
  private final SafeBreaks breaks;
  private final RecordRedaction records = new RecordRedaction(this, STRUCTURAL_FIELDS);

  Redactor(PatternCatalog catalog) {
    this.patterns = catalog.patterns();
    this.blockPatterns = patterns.stream().filter(SensitivePattern::spansLines).toList();
    this.breaks = catalog.breaks();
  }

  /** The built-in catalogue: this library's copy of {@code config/redaction_patterns.json}, read once. */
  public static Redactor defaults() {
    return BuiltIn.REDACTOR;
  }

  /**
   * A redactor for the catalogue in {@code file} (the shape of {@code config/redaction_patterns.json});
   * a problem is an {@link IllegalArgumentException} naming the field by its JSON path and the fix.
   */
  public static Redactor fromJson(JsonNode file) {
    return new Redactor(PatternCatalog.fromJson(file));
  }

  public static String placeholder(String type) {
    return "[REDACTED:" + type + "]";
  }

  /** Every placeholder type this redactor can emit. */
  public Set<String> types() {
    Set<String> types = new LinkedHashSet<>();
    patterns.forEach(p -> types.add(p.type()));
    return types;
  }

  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    List<Found> found = find(text);
    return found.isEmpty() ? text : replace(text, found, 0);
  }

  /** Replaces only the values {@code replace} accepts; the others stay as they are. */
  public String redact(String text, Predicate<Match> replace) {
    return text == null || text.isEmpty() ? text : redact(text, replace, 0);
  }

  /**
   * {@link #redact(String, Predicate)} of the text after its first {@code hidden} characters, which
   * were emitted before: a value that begins in them is left out (its placeholder went out then).
   */
  String redact(String text, Predicate<Match> replace, int hidden) {
    List<Found> chosen = new ArrayList<>();
    for (Found f : find(text)) {
      if (replace.test(f.match(text))) {
        chosen.add(f);
      }
    }
    return chosen.isEmpty() ? text.substring(hidden) : replace(text, chosen, hidden);
  }

  /** Every sensitive value in the text, in text order (overlaps merged as in {@link #redact}). */
  public List<Match> matches(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    List<Match> out = new ArrayList<>();
    find(text).forEach(f -> out.add(f.match(text)));
    return out;
  }

  public RedactionResult redactWithCounts(String text) {
    if (text == null || text.isEmpty()) {
      return new RedactionResult(text, Map.of());
    }
    List<Found> found = find(text);
    TreeMap<String, Integer> counts = new TreeMap<>();
    found.forEach(f -> counts.merge(f.type(), 1, Integer::sum));
    return new RedactionResult(found.isEmpty() ? text : replace(text, found, 0), counts);
  }

  public boolean containsSensitive(String text) {
    return text != null && !text.isEmpty() && !find(text).isEmpty();
  }

  /** A redacted copy: every string value at any depth; object keys and the input stay as they are. */
  public JsonNode redactTree(JsonNode tree) {
    return JsonRedaction.redactTree(this, tree);
  }

  /** A redacted copy of every free-text field; ids, enums and timestamps are left intact. */
  public TraceRecord redactRecord(TraceRecord record) {
    return record == null ? null : records.redact(record);
  }

  /** A new per-stream redactor; see {@link StreamRedactor} for its hold-back bound. */
  public StreamRedactor stream() {
    return new StreamRedactor(this);
  }

  /** A per-stream redactor that replaces only the values {@code replace} accepts. */
  public StreamRedactor stream(Predicate<Match> replace) {
    return new StreamRedactor(this, replace);
  }

  SafeBreaks safeBreaks() {
    return breaks;
  }

  /**
   * A multi-line value in a stream's held text: where it starts and ends, and whether more of it may
   * come (its match ran into the end of the text, or it is not complete yet).
   */
  record Block(int start, int end, boolean open) {}

  /** The multi-line values ({@code spans_lines}) in {@code text}, in text order. */
  List<Block> blocks(StringBuilder text) {
    List<Block> blocks = new ArrayList<>();
    for (SensitivePattern pattern : blockPatterns) {
      Matcher m = null;
      for (TextFeatures.Literal literal : ((SensitivePattern.Scan.LiteralStarts) pattern.scan()).literals()) {
        for (int at = text.indexOf(literal.text()); at >= 0; at = text.indexOf(literal.text(), at + 1)) {
          m = m != null ? m : pattern.regex().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
          boolean matched = m.region(at, text.length()).lookingAt();
          if (matched || m.hitEnd()) {
            blocks.add(new Block(at, matched ? m.end() : text.length(), m.hitEnd()));
          }
        }
      }
    }
    blocks.sort(Comparator.comparingInt(Block::start));
    return blocks;
  }

  /**
   * Matches in text order. Overlapping matches merge into one covering them all, named after the
   * leftmost, then earliest-listed pattern, so no part of anything detected stays visible.
   */
  List<Found> find(String text) {
    TextFeatures features = TextFeatures.of(text);
    List<Found> candidates = new ArrayList<>();
    for (int priority = 0; priority < patterns.size(); priority++) {
      SensitivePattern pattern = patterns.get(priority);
      if (pattern.mayOccur().test(features)) {
        new PatternScan(pattern, priority, features, breaks, this::find, candidates).run();
      }
    }
    if (candidates.size() <= 1) {
      return candidates;
    }
    candidates.sort(LEFTMOST_MOST_SPECIFIC_FIRST);
    List<Found> merged = new ArrayList<>();
    for (Found candidate : candidates) {
      Found last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last == null || candidate.start() >= last.end()) {
        merged.add(candidate);
      } else if (candidate.end() > last.end() || candidate.sensitivity() != last.sensitivity()) {
        merged.set(merged.size() - 1, new Found(last.start(), Math.max(last.end(), candidate.end()), last.type(),
            last.priority(), last.sensitivity().mostSevere(candidate.sensitivity())));
      }
    }
    return merged;
  }

  /** The text with each found value replaced, leaving out the first {@code hidden} characters. */
  private static String replace(String text, List<Found> found, int hidden) {
    StringBuilder out = new StringBuilder(text.length());
    int copied = hidden;
    for (Found f : found) {
      if (f.end() <= hidden) {
        continue;
      }
      if (f.start() >= hidden) {
        out.append(text, copied, f.start()).append(placeholder(f.type()));
      }
      copied = f.end();
    }
    return out.append(text, copied, text.length()).toString();
  }

  record Found(int start, int end, String type, int priority, Sensitivity sensitivity) {
    int length() {
      return end - start;
    }

    Match match(String text) {
      return new Match(type, sensitivity, text.substring(start, end), start, end);
    }
  }

  /** One sensitive value found in a text: its type (the placeholder's name), class, value and place. */
  public record Match(String type, Sensitivity sensitivity, String value, int start, int end) {}

  /** The built-in catalogue, read on first use. */
  private static final class BuiltIn {
    static final Redactor REDACTOR = new Redactor(PatternCatalog.builtIn());
  }
}
