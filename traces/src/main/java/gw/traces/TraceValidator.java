package gw.traces;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Decides whether a trace record may be stored; see docs/TRACES.md for the rules. */
public final class TraceValidator {
  public static final List<String> ENVIRONMENTS = List.of("dev", "staging", "production");
  public static final List<String> CUSTOMER_TIERS = List.of("free", "pro", "enterprise");
  public static final List<String> STATUSES = List.of(TraceRecord.STATUS_OK, TraceRecord.STATUS_ERROR);

  private static final Set<String> ENVIRONMENT_SET = Set.copyOf(ENVIRONMENTS);
  private static final Set<String> TIER_SET = Set.copyOf(CUSTOMER_TIERS);
  private static final Set<String> STATUS_SET = Set.copyOf(STATUSES);
  private TraceValidator() {}

  /** Every rule the record breaks, in field order; empty when the record is valid. */
  public static List<String> violations(TraceRecord r) {
    if (r == null) {
      return List.of("record must not be null");
    }
    Violations v = new Violations();
    checkIdentity(r, v);
    checkContext(r, v);
    checkTiming(r, v);
    checkRetrieval(r, v);
    checkTools(r, v);
    checkUsage(r, v);
    checkOutcome(r, v);
    SpanTreeRules.check(r.spans(), v);
    return v.list();
  }

  /** Returns the record unchanged when valid, otherwise throws with every violation listed. */
  public static TraceRecord requireValid(TraceRecord r) {
    List<String> violations = violations(r);
    if (!violations.isEmpty()) {
      throw new InvalidTraceException(r == null ? null : r.traceId(), violations);
    }
    return r;
  }

  /** 8-4-4-4-12 hex digits, any case (checked by hand: it runs for every stored trace). */
  public static boolean isUuid(String value) {
    if (value == null || value.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = value.charAt(i);
      boolean ok = i == 8 || i == 13 || i == 18 || i == 23
          ? c == '-'
          : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static void checkIdentity(TraceRecord r, Violations v) {
    if (r.traceId() == null) {
      v.add("trace_id is required (a UUID)");
    } else if (!isUuid(r.traceId())) {
      v.add("trace_id must be a UUID like 123e4567-e89b-12d3-a456-426614174000, got "
          + Violations.quote(r.traceId()));
    }
    if (r.timestamp() == null) {
      v.add("timestamp is required (an ISO-8601 instant like 2025-03-14T12:30:45.123Z)");
    } else if (parseInstant(r.timestamp()) == null) {
      v.add("timestamp must be an ISO-8601 instant like 2025-03-14T12:30:45.123Z, got "
          + Violations.quote(r.timestamp()));
    }
  }

  private static void checkContext(TraceRecord r, Violations v) {
    v.oneOf("environment", r.environment(), ENVIRONMENT_SET, ENVIRONMENTS);
    v.oneOf("customer_tier", r.customerTier(), TIER_SET, CUSTOMER_TIERS);
    v.nonBlank("tenant", r.tenant());
    v.nonBlank("route", r.route());
    v.noNullItems("tags", r.tags());
    v.noNullItems("actions", r.actions());
    v.noNullItems("observed_actions", r.observedActions());
  }

  private static void checkTiming(TraceRecord r, Violations v) {
    v.nonNegative("latency_ms", r.latencyMs());
    TraceRecord.Latency latency = r.latency();
    if (latency == null) {
      return;
    }
    v.nonNegative("latency.gateway_ms", latency.gatewayMs());
    v.nonNegative("latency.upstream_ms", latency.upstreamMs());
    if (latency.ttftMs() != null) {
      v.nonNegative("latency.ttft_ms", latency.ttftMs());
    }
  }

  private static void checkRetrieval(TraceRecord r, Violations v) {
    List<TraceRecord.RetrievedDoc> docs = r.retrievedDocs();
    v.noNullItems("retrieved_docs", docs);
    for (int i = 0; docs != null && i < docs.size(); i++) {
      if (docs.get(i) != null) {
        v.unitInterval("retrieved_docs[" + i + "].relevance_score", docs.get(i).relevanceScore());
      }
    }
  }

  private static void checkTools(TraceRecord r, Violations v) {
    List<TraceRecord.ToolCall> calls = r.toolCalls();
    v.noNullItems("tool_calls", calls);
    for (int i = 0; calls != null && i < calls.size(); i++) {
      TraceRecord.ToolCall call = calls.get(i);
      if (call != null) {
        v.nonBlank("tool_calls[" + i + "].tool_name", call.toolName());
        v.nonNegative("tool_calls[" + i + "].latency_ms", call.latencyMs());
      }
    }
  }

  private static void checkUsage(TraceRecord r, Violations v) {
    TraceRecord.Tokens t = r.tokens();
    if (t != null) {
      v.nonNegative("tokens.prompt_tokens", t.promptTokens());
      v.nonNegative("tokens.completion_tokens", t.completionTokens());
      v.nonNegative("tokens.total_tokens", t.totalTokens());
      long sum = (long) t.promptTokens() + t.completionTokens();
      if (t.totalTokens() != sum) {
        v.add("tokens.total_tokens must equal prompt_tokens + completion_tokens ("
            + t.promptTokens() + " + " + t.completionTokens() + " = " + sum + "), got " + t.totalTokens());
      }
    }
    if (r.costUsd() != null) {
      v.nonNegative("cost_usd", r.costUsd());
    }
  }

  private static void checkOutcome(TraceRecord r, Violations v) {
    v.oneOf("status", r.status(), STATUS_SET, STATUSES);
    if (r.isError() && (r.error() == null || r.error().isBlank())) {
      v.add("error must describe the failure when status is \"error\"");
    }
    if (r.httpStatus() < 100 || r.httpStatus() > 599) {
      v.add("http_status must be in 100..599, got " + r.httpStatus());
    }
    TraceRecord.Sampling sampling = r.sampling();
    if (sampling == null) {
      v.add("sampling is required (kept, reason, rate): every stored record says why it was kept");
    } else {
      v.nonBlank("sampling.reason", sampling.reason());
      v.unitInterval("sampling.rate", sampling.rate());
    }
  }

  /** The instant, or null when the text is not an ISO-8601 instant. */
  public static Instant parseInstant(String text) {
    return Timestamps.parse(text);
  }
}
