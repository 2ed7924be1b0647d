package gw.mock;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/retrieve}: the RAG app's vector store, searching the {@link KnowledgeBase}. Only the
 * {@code retrieval_outage} chaos mode acts here: the index then answers as if it were empty.
 */
final class RetrieveHandler implements Handler<RoutingContext> {

  static final int DEFAULT_TOP_K = 3;
  static final int MAX_TOP_K = 20;
  static final int MAX_FLOOD = 500;
  private static final long MIN_SEARCH_MS = 4;
  private static final long SEARCH_MS_SPREAD = 16;

  private final Vertx vertx;
  private final ChaosState chaos;
  private final Map<MockProfile, KnowledgeIndex> indexes;
  private final MockOptions options;

  /** {@code indexes}: the knowledge base of each profile, searched per the request's profile. */
  RetrieveHandler(Vertx vertx, ChaosState chaos, Map<MockProfile, KnowledgeIndex> indexes, MockOptions options) {
    this.vertx = vertx;
    this.chaos = chaos;
    this.indexes = Map.copyOf(indexes);
    this.options = options;
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonObject body = RequestBodies.jsonObject(ctx);
    ChaosSpec perRequest = ChaosSpec.fromHeader(ctx.request().getHeader(ChaosSpecParser.HEADER));
    String query = query(body.getValue("query"));
    int topK = topK(body.getValue("top_k"));
    KnowledgeIndex index = indexes.get(RequestKnobs.profile(ctx, options.profile()));
    double timeScale = RequestKnobs.timeScale(ctx, options.timeScale());
    ChaosDecision decision = chaos.rollForRetrieval(perRequest);
    List<KnowledgeIndex.Hit> hits = decision.has(ChaosMode.RETRIEVAL_OUTAGE) ? List.of()
        : decision.has(ChaosMode.RETRIEVAL_FLOOD) ? flood(index.search(query, MAX_TOP_K),
            (int) Math.min(MAX_FLOOD, decision.param(ChaosMode.RETRIEVAL_FLOOD)))
        : index.search(query, topK);
    long searchMs = searchMs(query);
    JsonObject answer = new JsonObject().put("documents", documents(hits)).put("latency_ms", searchMs);
    Delays.after(vertx, ctx, Math.round(searchMs * timeScale), () -> JsonResponses.send(ctx, answer));
  }

  /** The ranking repeated until it has {@code count} documents. */
  private static List<KnowledgeIndex.Hit> flood(List<KnowledgeIndex.Hit> ranked, int count) {
    List<KnowledgeIndex.Hit> hits = new java.util.ArrayList<>(count);
    for (int i = 0; i < count && !ranked.isEmpty(); i++) {
      hits.add(ranked.get(i % ranked.size()));
    }
    return hits;
  }

  private static JsonArray documents(List<KnowledgeIndex.Hit> hits) {
    JsonArray documents = new JsonArray();
    for (KnowledgeIndex.Hit hit : hits) {
      documents.add(new JsonObject().put("source", hit.document().source()).put("score", hit.score())
          .put("content", hit.document().content()));
    }
    return documents;
  }

  // A plausible, repeatable search time: the same query always "takes" the same few milliseconds.
  private static long searchMs(String query) {
    return MIN_SEARCH_MS + Math.floorMod(Hashing.fnv64(query), SEARCH_MS_SPREAD);
  }

  private static String query(Object value) {
    if (value == null) {
      throw ApiError.invalidRequest("Missing required parameter: 'query' (the text to search for).", "query",
          "missing_required_parameter");
    }
    if (!(value instanceof String text) || text.isBlank()) {
      throw ApiError.invalidRequest("Invalid 'query': expected a non-empty string, got " + value + ".", "query",
          "invalid_type");
    }
    return text;
  }

  private static int topK(Object value) {
    if (value == null) {
      return DEFAULT_TOP_K;
    }
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
        && number.intValue() >= 1 && number.intValue() <= MAX_TOP_K) {
      return number.intValue();
    }
    throw ApiError.invalidRequest("Invalid 'top_k': expected an integer between 1 and " + MAX_TOP_K + ", got "
        + value + ".", "top_k", "invalid_value");
  }
}
