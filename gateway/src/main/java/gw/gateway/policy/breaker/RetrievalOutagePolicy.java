package gw.gateway.policy.breaker;

import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayExtension;
import gw.gateway.chain.Policy;
import gw.gateway.incident.IncidentClass;
import io.vertx.core.Future;

/**
 * RETRIEVAL_OUTAGE: a RAG request whose retrieval came back empty (fewer than {@code min_documents})
 * or weak (best score below {@code min_top_score}) counts against the retrieval. An empty one gets the
 * configured fallback answer instead of an LLM call, so no tokens are spent on an answer without
 * grounding. A weak one still goes to the model: a question the knowledge base has nothing on scores
 * low in a healthy system too, and the model's refusal is the right answer to it; a real outage makes
 * every score low, which the window's share sees. When failing requests reach the window's share the
 * breaker opens and every RAG request gets the fallback; after {@code open_seconds} one request with
 * good retrieval closes it again. Requests without a {@code gateway.retrieval} object are not RAG
 * requests and always pass.
 */
public final class RetrievalOutagePolicy implements Policy {
  public static final String ACTION = "retrieval_outage/fallback_answer";
  private final Breaker breaker;
  private final WindowBreaker window;
  private final BreakersConfig.Retrieval config;

  public RetrievalOutagePolicy(Breakers breakers) {
    this.breaker = breakers.get(IncidentClass.RETRIEVAL_OUTAGE);
    this.window = (WindowBreaker) breaker.trigger();
    this.config = breakers.config().retrieval();
  }

  @Override
  public Future<Void> onRequest(Exchange exchange) {
    GatewayExtension.Retrieval retrieval = exchange.context().retrieval();
    if (!exchange.route().isCompletion() || retrieval == null) {
      return DONE;
    }
    String problem = problem(retrieval);
    boolean empty = retrieval.documents().size() < config.minDocuments();
    Verdict verdict = breaker.decide();
    boolean learns = breaker.mode().triggerRuns();
    if (verdict == Verdict.PROBE) {
      window.probeResult(problem == null);
    } else if (learns && verdict == Verdict.PASS) {
      window.record(problem != null, problem);
    }
    boolean intercept = verdict == Verdict.INTERCEPT || (learns && empty);
    if (intercept && breaker.act(exchange, ACTION)) {
      exchange.answerLocally(config.fallbackAnswer());
    }
    return DONE;
  }

  /** Why this request's retrieval is unusable, or null when it is fine. */
  String problem(GatewayExtension.Retrieval retrieval) {
    int count = retrieval.documents().size();
    if (count < config.minDocuments()) {
      return count + " documents retrieved (minimum " + config.minDocuments() + ")";
    }
    double top = -1;
    for (GatewayExtension.Document d : retrieval.documents()) {
      if (d.score() != null) {
        top = Math.max(top, d.score());
      }
    }
    if (top >= 0 && top < config.minTopScore()) {
      return "top relevance score " + top + " below " + config.minTopScore();
    }
    return null;
  }
}
