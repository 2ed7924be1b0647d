package gw.gateway.policy.context;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayExtension;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.chain.Policy;
import gw.gateway.chain.RequestContext;
import gw.gateway.openai.RequestBodies;
import gw.gateway.otlp.W3cTraceContext;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;

/**
 * Reads the app's optional context: correlation headers and the top-level {@code gateway} body
 * object, which is validated here and removed so the provider never sees it.
 */
public final class RequestContextPolicy implements Policy {
  public static final String BODY_FIELD = "gateway";

  @Override
  public Future<Void> onRequest(Exchange exchange) {
    MultiMap h = exchange.requestHeaders();
    // W3C Trace Context: a traceparent that does not parse is ignored (a new trace starts), not refused.
    String traceparent = h.get("traceparent") == null ? null : h.get("traceparent").trim();
    if (!W3cTraceContext.valid(traceparent)) {
      traceparent = null;
    }
    GatewayExtension gateway = GatewayExtension.NONE;
    ObjectNode body = exchange.body();
    if (body != null && body.has(BODY_FIELD)) {
      JsonNode ext = body.remove(BODY_FIELD);
      exchange.markBodyModified();
      String problem = ExtensionShape.validate(ext);
      if (problem != null) {
        return Future.failedFuture(GatewayFailure.invalidRequest("invalid_gateway_extension", problem.split(" ")[0],
            problem));
      }
      gateway = bind(ext);
    }
    exchange.context(new RequestContext(
        h.get("x-request-id"),
        h.get("x-session-id"),
        h.get("x-conversation-id"),
        h.get("x-user-id"),
        h.get("x-feature"),
        traceparent,
        gateway));
    return DONE;
  }

  /** Binds an object {@link ExtensionShape} accepted; a failure here is the shape rules' gap, not the client's. */
  private static GatewayExtension bind(JsonNode ext) {
    try {
      return RequestBodies.JSON.treeToValue(ext, GatewayExtension.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a validated gateway object did not bind: " + e.getOriginalMessage(), e);
    }
  }
}
