package gw.gateway.server;

import gw.gateway.anthropic.AnthropicErrors;
import gw.gateway.anthropic.MessageAnswers;
import gw.gateway.anthropic.MessagesStreamEncoder;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.chain.OpenAiErrors;
import gw.gateway.chain.Route;
import gw.gateway.chain.Wire;
import gw.gateway.openai.RequestBodies;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * What a client receives, in its route's shape: the chain's chat answers, streams and the gateway's
 * errors as they are for OpenAI's routes, written as Anthropic's for {@code /v1/messages}. A null route
 * (a request no route matched) gets OpenAI's shape.
 */
final class ClientShape {
  private ClientShape() {}

  static Buffer error(Route route, GatewayFailure failure) {
    return anthropic(route) ? AnthropicErrors.body(failure) : OpenAiErrors.body(failure);
  }

  /** The event that ends a stream the gateway had to break. */
  static Buffer streamError(Route route, GatewayFailure failure) {
    if (anthropic(route)) {
      return Buffer.buffer("event: error\ndata: ").appendBuffer(AnthropicErrors.body(failure)).appendString("\n\n");
    }
    return Buffer.buffer("data: ").appendBuffer(OpenAiErrors.body(failure)).appendString("\n\n");
  }

  /** A whole chat completion answer, as the client's route writes it. */
  static Buffer answer(Route route, Buffer chat) {
    if (!anthropic(route)) {
      return chat;
    }
    try {
      return RequestBodies.serialize(MessageAnswers.fromChat(RequestBodies.JSON.readTree(chat.getBytes())));
    } catch (IOException e) {
      throw new IllegalStateException("the chain's answer is always a JSON chat completion", e);
    }
  }

  /** Writes one stream's chat chunks in the client's shape (one per stream: it keeps the stream's state). */
  static UnaryOperator<Buffer> encoder(Route route) {
    return anthropic(route) ? new MessagesStreamEncoder()::encode : UnaryOperator.identity();
  }

  private static boolean anthropic(Route route) {
    return route != null && route.wire() == Wire.ANTHROPIC;
  }
}
