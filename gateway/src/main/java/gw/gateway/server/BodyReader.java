package gw.gateway.server;

import gw.gateway.chain.GatewayFailure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/** Reads a request body while enforcing the size limit as bytes arrive, not after. */
final class BodyReader {
  private BodyReader() {}

  static Future<Buffer> read(HttpServerRequest request, long maxBytes) {
    String declared = request.getHeader("content-length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > maxBytes) {
          return Future.failedFuture(GatewayFailure.tooLarge(maxBytes));
        }
      } catch (NumberFormatException e) {
        return Future.failedFuture(GatewayFailure.invalidRequest("invalid_content_length", null,
            "Content-Length '" + declared + "' is not a number"));
      }
    }
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    request.handler(chunk -> {
      if (body.length() + chunk.length() > maxBytes) {
        request.handler(null);
        promise.tryFail(GatewayFailure.tooLarge(maxBytes));
      } else {
        body.appendBuffer(chunk);
      }
    });
    request.endHandler(v -> promise.tryComplete(body));
    request.exceptionHandler(promise::tryFail);
    return promise.future();
  }
}
