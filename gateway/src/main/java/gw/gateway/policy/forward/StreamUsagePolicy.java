package gw.gateway.policy.forward;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.Policy;
import gw.gateway.chain.Route;
import gw.gateway.openai.UnaskedUsage;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * A streamed chat completion whose client did not ask for usage is sent to the provider with
 * {@code stream_options.include_usage}, so its tokens and cost are the provider's exact count rather
 * than the gateway's estimate; the usage event that comes back is kept for the trace and taken out of
 * what the client receives ({@link UnaskedUsage}). Built into every chain, last, so its chunk side sees
 * the provider's bytes first; {@code forward.json}'s {@code request_stream_usage: false} turns it off.
 */
public final class StreamUsagePolicy implements Policy {
  @Override
  public Future<Void> onRequest(Exchange exchange) {
    JsonNode body = exchange.body();
    if (exchange.route() != Route.CHAT_COMPLETIONS || body == null || !body.path("stream").asBoolean(false)
        || body.path("stream_options").path("include_usage").asBoolean(false)) {
      return DONE;
    }
    if (body.has("stream_options") && !body.get("stream_options").isObject()) {
      return DONE; // the client's own (invalid) value: the provider answers it
    }
    exchange.body().with("stream_options").put("include_usage", true);
    exchange.markBodyModified(); // costs one serialisation of the body per such stream
    exchange.attach(UnaskedUsage.class, new UnaskedUsage());
    return DONE;
  }

  @Override
  public Buffer onChunk(Exchange exchange, Buffer chunk) {
    UnaskedUsage unasked = exchange.attachment(UnaskedUsage.class);
    return unasked == null ? chunk : unasked.filter(chunk);
  }

  @Override
  public Buffer onStreamEnd(Exchange exchange) {
    UnaskedUsage unasked = exchange.attachment(UnaskedUsage.class);
    return unasked == null ? null : unasked.rest();
  }
}
