package gw.traces;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Spans must form one tree: unique ids, known parents, exactly one root, no cycles. */
final class SpanTreeRules {
  private SpanTreeRules() {}

  static void check(List<TraceRecord.Span> spans, Violations v) {
    if (spans == null || spans.isEmpty()) {
      return;
    }
    v.noNullItems("spans", spans);
    Map<String, Integer> indexById = indexIds(spans, v);
    List<String> roots = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) {
      TraceRecord.Span span = spans.get(i);
      if (span == null) {
        continue;
      }
      v.nonNegative("spans[" + i + "].duration_ms", span.durationMs());
      if (span.parentSpanId() == null) {
        roots.add(span.spanId());
      } else if (!indexById.containsKey(span.parentSpanId())) {
        v.add("spans[" + i + "].parent_span_id " + Violations.quote(span.parentSpanId())
            + " names no span in this record");
      }
    }
    if (roots.size() != 1) {
      v.add("spans must have exactly one root span (parent_span_id null), found "
          + roots.size() + (roots.isEmpty() ? "" : " " + roots));
    } else {
      checkAcyclic(spans, indexById, v);
    }
  }

  private static Map<String, Integer> indexIds(List<TraceRecord.Span> spans, Violations v) {
    Map<String, Integer> indexById = new HashMap<>();
    for (int i = 0; i < spans.size(); i++) {
      TraceRecord.Span span = spans.get(i);
      if (span == null) {
        continue;
      }
      if (span.spanId() == null || span.spanId().isBlank()) {
        v.add("spans[" + i + "].span_id must not be blank");
        continue;
      }
      Integer earlier = indexById.putIfAbsent(span.spanId(), i);
      if (earlier != null) {
        v.add("spans[" + i + "].span_id " + Violations.quote(span.spanId())
            + " duplicates spans[" + earlier + "]");
      }
    }
    return indexById;
  }

  /** With one root and known parents, a span that cannot reach the root sits in a cycle. */
  private static void checkAcyclic(List<TraceRecord.Span> spans, Map<String, Integer> indexById, Violations v) {
    for (int i = 0; i < spans.size(); i++) {
      TraceRecord.Span span = spans.get(i);
      int steps = 0;
      while (span != null && span.parentSpanId() != null && steps <= spans.size()) {
        Integer parent = indexById.get(span.parentSpanId());
        span = parent == null ? null : spans.get(parent);
        steps++;
      }
      if (steps > spans.size()) {
        v.add("spans[" + i + "] is part of a parent_span_id cycle and never reaches the root");
      }
    }
  }
}
