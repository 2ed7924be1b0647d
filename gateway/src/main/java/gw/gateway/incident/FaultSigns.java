package gw.gateway.incident;

import gw.gateway.chain.ErrorType;
import gw.gateway.detect.Thresholds;
import gw.gateway.policy.breaker.BreakersConfig;
import gw.gateway.policy.breaker.DataIncidentPolicy;
import gw.traces.TraceRecord;
import java.util.List;

/**
 * Whether one stored trace shows an incident class's fault, judged by the same lines the gateway
 * detects that fault with, so an incident's examples are about it rather than healthy traffic that
 * happened at the same time:
 * <ul>
 *   <li>PERFORMANCE_DEGRADATION: the provider failed it (5xx, its 429, a timeout, a broken stream; on
 *   the answer or on any try before it), or its wait was slow: a stream's first token after the
 *   {@code p95_ttft_ms} yellow line, a JSON answer's time beyond its length at
 *   {@code min_tokens_per_second} after the {@code p95_json_wait_ms} yellow line (a long answer at a
 *   normal pace is not slow; the caller's own 4xx and the gateway's limits are not failures);</li>
 *   <li>RETRIEVAL_OUTAGE: a RAG request whose retrieval the RETRIEVAL_OUTAGE breaker would count as bad
 *   (fewer than {@code min_documents}, best score under {@code min_top_score}), or a failed tool call;</li>
 *   <li>COST_SPIKE: a spike as the COST_SPIKE breaker counts them (over {@code max_cost_per_request_usd}
 *   or {@code max_tokens_per_request});</li>
 *   <li>QUALITY_DEGRADATION: an answer that failed the quality proxies;</li>
 *   <li>DATA_INCIDENT: a leak the DATA_INCIDENT breaker redacted or blocked (or, observing, would have).</li>
 * </ul>
 * A trace that only carries a breaker's mitigation (a fallback answer, a fail-fast 503) shows the
 * remedy, not the fault.
 */
final class FaultSigns {
  private final Thresholds thresholds;
  private final double slowTtftMs;
  private final double slowWaitMs;
  private final BreakersConfig.Retrieval retrieval;
  private final BreakersConfig.CostSpike cost;

  FaultSigns(Thresholds thresholds, BreakersConfig breakers) {
    this.thresholds = thresholds;
    this.slowTtftMs = thresholds.metrics().get("p95_ttft_ms").yellow();
    this.slowWaitMs = thresholds.metrics().get("p95_json_wait_ms").yellow();
    this.retrieval = breakers.retrieval();
    this.cost = breakers.costSpike();
  }

  boolean shows(IncidentClass c, TraceRecord r) {
    return switch (c) {
      case PERFORMANCE_DEGRADATION -> upstreamFailed(r) || slow(r);
      case RETRIEVAL_OUTAGE -> weakRetrieval(r) || r.toolCalls() != null && r.toolCalls().stream().anyMatch(t -> !t.success());
      case COST_SPIKE -> r.costUsd() != null && r.costUsd() > cost.maxCostPerRequestUsd()
          || r.tokens() != null && r.tokens().totalTokens() > cost.maxTokensPerRequest();
      case QUALITY_DEGRADATION -> r.quality() != null && !r.quality().passed();
      case DATA_INCIDENT -> DataIncidentPolicy.LEAK_ACTIONS.stream().anyMatch(a -> actions(r).contains(a)
          || r.observedActions() != null && r.observedActions().contains(a));
    };
  }

  private static boolean upstreamFailed(TraceRecord r) {
    ErrorType type = ErrorType.ofTrace(r.error(), r.httpStatus());
    if (type.side() == ErrorType.Side.CLIENT || type.side() == ErrorType.Side.LIMIT) {
      return false;
    }
    if (type.side() == ErrorType.Side.SERVICE && type != ErrorType.BREAKER_OPEN) {
      return true;
    }
    return r.spans() != null && r.spans().stream().anyMatch(FaultSigns::failedTry);
  }

  /** A try at the provider that it failed (a retry or a fallback may still have answered). */
  private static boolean failedTry(TraceRecord.Span s) {
    if (!TraceRecord.Span.KIND_LLM.equals(s.kind()) || !"error".equals(s.status()) || s.attributes() == null) {
      return false;
    }
    Object error = s.attributes().get("error");
    if ("breaker_open".equals(error)) {
      return false; // the breaker's fail-fast, not a call
    }
    int status = s.attributes().get("http_status") instanceof Number n ? n.intValue() : 0;
    return status == 0 ? error != null : ErrorType.upstreamFailed(status);
  }

  /** What the caller waited: a stream's first token, then its pace; a JSON answer's time beyond its length. */
  private boolean slow(TraceRecord r) {
    if (r.isError()) {
      return false;
    }
    long outputTokens = r.tokens() == null ? 0 : r.tokens().completionTokens();
    if (r.stream()) {
      Double ttft = r.latency() == null ? null : r.latency().ttftMs();
      return ttft != null && (ttft > slowTtftMs || thresholds.waitBeyondLength(r.latencyMs() - ttft, outputTokens) > slowWaitMs);
    }
    return thresholds.waitBeyondLength(r.latencyMs(), outputTokens) > slowWaitMs;
  }

  /** Only a request that reported a retrieval (it has a retrieval span, kept even without content). */
  private boolean weakRetrieval(TraceRecord r) {
    boolean rag = r.spans() != null && r.spans().stream().anyMatch(s -> TraceRecord.Span.KIND_RETRIEVAL.equals(s.kind()));
    if (!rag) {
      return false;
    }
    List<TraceRecord.RetrievedDoc> docs = r.retrievedDocs() == null ? List.of() : r.retrievedDocs();
    if (docs.size() < retrieval.minDocuments()) {
      return true;
    }
    return !docs.isEmpty()
        && docs.stream().mapToDouble(TraceRecord.RetrievedDoc::relevanceScore).max().getAsDouble() < retrieval.minTopScore();
  }

  private static List<String> actions(TraceRecord r) {
    return r.actions() == null ? List.of() : r.actions();
  }
}
