package gw.gateway.server;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Refuses a request that carries both Content-Length and Transfer-Encoding (the request-smuggling
 * shape, RFC 9112 6.1). Netty resolves it by dropping Content-Length before Vert.x sees the
 * request, so each new connection gets Vert.x's own request decoder with one override that marks
 * such a request; the handler answers it 400 and closes. This reaches into Vert.x's connection
 * internals (no public hook exists): {@code EdgeLimitsTest} fails if an upgrade changes them.
 */
final class FramingCheck {
  /** Set by the decoder, read by the handler; a client sending it itself only gets its request refused. */
  static final String MARK = "x-gateway-conflicting-framing";
  private static final String DECODER = "httpDecoder";

  private FramingCheck() {}

  static void install(HttpConnection connection, HttpServerOptions options) {
    if (!(connection instanceof ConnectionBase base)) {
      return; // not Vert.x's HTTP/1 connection as this class knows it: EdgeLimitsTest says so
    }
    ChannelPipeline pipeline = base.channel().pipeline();
    if (pipeline.get(DECODER) instanceof VertxHttpRequestDecoder) {
      pipeline.replace(DECODER, DECODER, new VertxHttpRequestDecoder(options) {
        @Override
        protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
          message.headers().set(MARK, "1");
          super.handleTransferEncodingChunkedWithContentLength(message);
        }
      });
    }
  }
}
