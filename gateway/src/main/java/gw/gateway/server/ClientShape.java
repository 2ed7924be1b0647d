package gw.gateway.server;

import gw.gateway.anthropic.AnthropicErrors;
import gw.gateway.anthropic.MessageAnswers;
import gw.gateway.anthropic.MessagesStreamEncoder;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.chain.OpenAiErrors;
import gw.gateway.chain.Route;
import gw.gateway.chain.Wire;
import gw.gateway.openai.RequestBodies;
import gw.gateway.responses.ResponseAnswers;
import gw.gateway.responses.ResponsesStreamEncoder;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * What a client receives, in its route's shape: the chain's chat answers and streams as they are for
 * Chat Completions, written as a Responses response or an Anthropic message for those routes; the
 * gateway's errors in OpenAI's shape (the Responses API's too) or Anthropic's. A null route (a request
 * no route matched) gets OpenAI's shape.
 */
final class ClientShape {
  private ClientShape() {}

  static Buffer error(Route route, GatewayFailure failure) {
    return wire(route) == Wire.ANTHROPIC ? AnthropicErrors.body(failure) : OpenAiErrors.body(failure);
  }

  /** The event that ends a stream the gateway had to break. */
  static Buffer streamError(Route route, GatewayFailure failure) {
    return switch (wire(route)) {
      case ANTHROPIC -> Buffer.buffer("event: error\ndata: ").appendBuffer(AnthropicErrors.body(failure))
          .appendString("\n\n");
      case RESPONSES -> ResponsesStreamEncoder.error(json(OpenAiErrors.body(failure)).path("error"), 0);
      case OPENAI -> Buffer.buffer("data: ").appendBuffer(OpenAiErrors.body(failure)).appendString("\n\n");
    };
  }

  /** A whole chat completion answer, as the client's route writes it. */
  static Buffer answer(Exchange ex, Buffer chat) {
    return switch (wire(ex.route())) {
      case OPENAI -> chat;
      case ANTHROPIC -> RequestBodies.serialize(MessageAnswers.fromChat(json(chat)));
      case RESPONSES -> RequestBodies.serialize(ResponseAnswers.fromChat(json(chat), ex.clientBody()));
    };
  }

  /** Writes one stream's chat chunks in the client's shape (one per stream: it keeps the stream's state). */
  static UnaryOperator<Buffer> encoder(Exchange ex) {
    return switch (wire(ex.route())) {
      case OPENAI -> UnaryOperator.identity();
      case ANTHROPIC -> new MessagesStreamEncoder()::encode;
      case RESPONSES -> new ResponsesStreamEncoder(ex.clientBody())::encode;
    };
  }

  private static Wire wire(Route route) {
    return route == null ? Wire.OPENAI : route.wire();
  }

  private static com.fasterxml.jackson.databind.JsonNode json(Buffer bytes) {
    try {
      return RequestBodies.JSON.readTree(bytes.getBytes());
    } catch (IOException e) {
      throw new IllegalStateException("the chain's answers and the gateway's errors are always JSON", e);
    }
  }
}
