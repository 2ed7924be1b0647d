package gw.mock.client;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The chat completion request a RAG app sends through the gateway: the prompt with the retrieved context,
 * and the gateway's {@code gateway} extension reporting retrieval, tool calls, expected facts and tags.
 */
final class ChatRequestBody {

  static final int TOP_K = 3;

  private ChatRequestBody() {
  }

  static JsonObject of(String model, PlannedRequest plan, Retrieval retrieval) {
    JsonObject body = new JsonObject()
        .put("model", model)
        .put("messages", RagPrompt.messages(plan.userMessage(), retrieval.documents()));
    if (plan.stream()) {
      body.put("stream", true).put("stream_options", new JsonObject().put("include_usage", true));
    }
    if (plan.jsonAnswer()) {
      body.put("response_format", new JsonObject().put("type", "json_object"));
    }
    return body.put("gateway", new JsonObject()
        .put("retrieval", new JsonObject().put("query", retrieval.query()).put("latency_ms", retrieval.latencyMs())
            .put("documents", retrieval.documents()))
        .put("tools", tools(plan, retrieval))
        .put("expected_facts", new JsonArray(plan.question().expectedFacts()))
        .put("tags", new JsonArray().add("feature:" + plan.question().feature()).add("client:rag-sample")));
  }

  private static JsonArray tools(PlannedRequest plan, Retrieval retrieval) {
    JsonArray tools = new JsonArray().add(searchKb(retrieval));
    if (plan.orderLookup()) {
      tools.add(lookupOrder(plan));
    }
    return tools;
  }

  private static JsonObject searchKb(Retrieval retrieval) {
    JsonObject call = new JsonObject().put("name", "search_kb")
        .put("input", new JsonObject().put("query", retrieval.query()).put("top_k", TOP_K))
        .put("output", new JsonObject().put("documents", retrieval.documents().size()))
        .put("latency_ms", retrieval.latencyMs())
        .put("success", !retrieval.isEmpty());
    if (retrieval.isEmpty()) {
      call.put("error", retrieval.failure() != null ? retrieval.failure() : "no documents");
    }
    return call;
  }

  private static JsonObject lookupOrder(PlannedRequest plan) {
    JsonObject call = new JsonObject().put("name", "lookup_order")
        .put("input", new JsonObject().put("order_id", plan.orderId()))
        .put("latency_ms", plan.orderLookupMs())
        .put("success", !plan.orderLookupFails());
    if (plan.orderLookupFails()) {
      return call.put("error", "order service timed out");
    }
    return call.put("output", new JsonObject().put("order_id", plan.orderId()).put("status", "shipped"));
  }
}
