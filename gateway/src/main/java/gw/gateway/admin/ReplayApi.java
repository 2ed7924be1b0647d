package gw.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.replay.Overrides;
import gw.gateway.replay.Replayer;
import gw.traces.compare.TraceComparison;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /admin/replay} with {@code {"trace_id": "...", "overrides": {"model", "prompt_version",
 * "temperature", "max_tokens"}}} (operator): replays the trace through the full pipeline and answers
 * with the side-by-side comparison and its verdict.
 */
final class ReplayApi {
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);
  private final Replayer replayer;

  ReplayApi(Replayer replayer) {
    this.replayer = replayer;
  }

  void replay(RoutingContext ctx) {
    JsonNode body;
    Overrides overrides;
    try {
      body = JSON.readTree(ctx.body().asString());
      if (body == null || !body.path("trace_id").isTextual()) {
        throw new IllegalArgumentException("send {\"trace_id\": \"...\", \"overrides\": {...}}");
      }
      overrides = Overrides.fromJson(body.get("overrides"));
    } catch (Exception e) {
      AdminResponses.error(ctx, 400, "invalid_replay", "Invalid replay request: " + e.getMessage());
      return;
    }
    replayer.replay(body.get("trace_id").asText(), overrides).onComplete(ar -> {
      if (ar.succeeded()) {
        AdminResponses.json(ctx, 200, Buffer.buffer(wire(ar.result()).toString()));
      } else if (ar.cause() instanceof Replayer.NotFound) {
        AdminResponses.error(ctx, 404, "trace_not_found", ar.cause().getMessage());
      } else if (ar.cause() instanceof IllegalArgumentException) {
        AdminResponses.error(ctx, 400, "not_replayable", ar.cause().getMessage());
      } else {
        AdminResponses.error(ctx, 500, "replay_failed", "Replay failed: " + ar.cause().getMessage());
      }
    });
  }

  static ObjectNode wire(Replayer.Result r) {
    TraceComparison c = r.comparison();
    ObjectNode out = JSON.createObjectNode().put("object", "replay");
    out.put("verdict", c.verdict().wireName()).put("reason", c.reason()).put("status", r.status())
        .put("replayed_redacted_content", r.redactedContent());
    out.set("original", JSON.valueToTree(c.original()));
    out.set("replay", JSON.valueToTree(c.replay()));
    out.set("notes", JSON.valueToTree(r.notes()));
    return out;
  }
}
