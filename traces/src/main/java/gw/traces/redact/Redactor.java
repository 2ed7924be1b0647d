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
 * Replaces secrets and personal data with typed placeholders such as {@code [REDACTED:email]}.
 * Immutable and thread-safe: build once, share everywhere.
 */
public final class Redactor {
  /** Structural values: ids the gateway minted, enums, timestamps and hashes. Never free text. */
  private static final Set<String> STRUCTURAL_FIELDS = Set.of(
      "trace_id", "traceparent", "timestamp", "environment", "customer_tier", "status", "route",
      "user_id_hash", "replay_of", "sampling", "tokens", "span_id", "parent_span_id");

  private static final Redactor DEFAULTS = new Redactor(DefaultPatterns.all());
  private static final Comparator<Found> LEFTMOST_LONGEST_FIRST =
      Comparator.comparingInt(Found::start)
          .thenComparing(Comparator.comparingInt(Found::length).reversed())
          .thenComparingInt(Found::priority);

  private final List<SensitivePattern> patterns;
  private final RecordRedaction records = new RecordRedaction(this, STRUCTURAL_FIELDS);

  Redactor(List<SensitivePattern> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  /** The built-in patterns listed in docs/TRACES.md. */
  public static Redactor defaults() {
    return DEFAULTS;
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
    return found.isEmpty() ? text : replace(text, found);
  }

  /** Replaces only the values {@code replace} accepts; the others stay as they are. */
  public String redact(String text, Predicate<Match> replace) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    List<Found> chosen = new ArrayList<>();
    for (Found f : find(text)) {
      if (replace.test(f.match(text))) {
        chosen.add(f);
      }
    }
    return chosen.isEmpty() ? text : replace(text, chosen);
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
    return new RedactionResult(found.isEmpty() ? text : replace(text, found), counts);
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

  /**
   * Matches in text order. Overlapping matches merge into one, named after the leftmost, then
   * longest, then earliest-listed pattern, so no part of anything detected stays visible.
   */
  List<Found> find(String text) {
    TextFeatures features = TextFeatures.of(text);
    List<Found> candidates = new ArrayList<>();
    for (int priority = 0; priority < patterns.size(); priority++) {
      SensitivePattern pattern = patterns.get(priority);
      if (pattern.mayOccur().test(features)) {
        collect(pattern, priority, features, candidates);
      }
    }
    if (candidates.size() <= 1) {
      return candidates;
    }
    candidates.sort(LEFTMOST_LONGEST_FIRST);
    List<Found> merged = new ArrayList<>();
    for (Found candidate : candidates) {
      Found last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last == null || candidate.start() >= last.end()) {
        merged.add(candidate);
      } else if (candidate.end() > last.end()) {
        merged.set(merged.size() - 1, new Found(last.start(), candidate.end(), last.type(), last.priority()));
      }
    }
    return merged;
  }

  private static void collect(SensitivePattern pattern, int priority, TextFeatures features, List<Found> into) {
    // Transparent bounds let look-arounds see past a region, so a region scan equals a whole-text scan.
    Matcher m = pattern.regex().matcher(features.text).useTransparentBounds(true).useAnchoringBounds(false);
    if (pattern.minDigits() == 0) {
      collect(pattern, priority, m, 0, features.text.length(), into);
      return;
    }
    for (TextFeatures.DigitWindow window : features.digitWindows()) {
      if (window.digits() >= pattern.minDigits()) {
        collect(pattern, priority, m, window.start(), window.end(), into);
      }
    }
  }

  /**
   * Finds matches in [from, to). When the value check rejects a match, the longest shorter match
   * at the same start is tried, as if the check were part of the regex: "+44 20 7946 0958 123-45-6789"
   * is a phone number followed by an SSN, not one 21-digit number.
   */
  private static void collect(SensitivePattern pattern, int priority, Matcher m, int from, int to, List<Found> into) {
    int position = from;
    while (position < to && m.region(position, to).find()) {
      int start = m.start();
      boolean accepted = accepts(pattern, m);
      while (!accepted && m.end() - 1 > start && m.region(start, m.end() - 1).lookingAt()) {
        accepted = accepts(pattern, m);
      }
      if (accepted) {
        into.add(new Found(pattern.secretStart(m), pattern.secretEnd(m), pattern.type(), priority));
      }
      position = accepted ? m.end() : start + 1;
    }
  }

  private static boolean accepts(SensitivePattern pattern, Matcher m) {
    CharSequence text = m.group();
    int offset = m.start();
    return pattern.accepts().test(text.subSequence(pattern.secretStart(m) - offset, pattern.secretEnd(m) - offset).toString());
  }

  private static String replace(String text, List<Found> found) {
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    for (Found f : found) {
      out.append(text, copied, f.start()).append(placeholder(f.type()));
      copied = f.end();
    }
    return out.append(text, copied, text.length()).toString();
  }

  record Found(int start, int end, String type, int priority) {
    int length() {
      return end - start;
    }

    Match match(String text) {
      return new Match(type, text.substring(start, end), start, end);
    }
  }

  /** One sensitive value found in a text: its type (the placeholder's name), the value and where it is. */
  public record Match(String type, String value, int start, int end) {
    public Sensitivity sensitivity() {
      return Sensitivity.of(type);
    }
  }
}
