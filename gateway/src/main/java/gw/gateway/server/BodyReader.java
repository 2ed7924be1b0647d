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
    long declaredBytes = 0;
    if (declared != null) {
      try {
        declaredBytes = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        return Future.failedFuture(GatewayFailure.invalidRequest("invalid_content_length", null,
            "Content-Length '" + declared + "' is not a number"));
      }
      if (declaredBytes > maxBytes) {
        return Future.failedFuture(GatewayFailure.tooLarge(maxBytes));
      }
    }
    Promise<Buffer> promise = Promise.promise();
    Body body = new Body((int) Math.min(Integer.MAX_VALUE, Math.max(0, declaredBytes)));
    request.handler(chunk -> {
      if (body.length() + chunk.length() > maxBytes) {
        request.handler(null);
        promise.tryFail(GatewayFailure.tooLarge(maxBytes));
      } else {
        body.add(chunk);
      }
    });
    request.endHandler(v -> promise.tryComplete(body.bytes()));
    request.exceptionHandler(promise::tryFail);
    return promise.future();
  }

  /**
   * The chunks so far. A body that arrives in one chunk (the usual case) is that chunk itself, not
   * a copy; a second chunk starts one buffer, sized from Content-Length when given.
   */
  private static final class Body {
    private final int declaredLength;
    private Buffer bytes;
    private boolean own;

    Body(int declaredLength) {
      this.declaredLength = declaredLength;
    }

    int length() {
      return bytes == null ? 0 : bytes.length();
    }

    void add(Buffer chunk) {
      if (bytes == null) {
        bytes = chunk;
        return;
      }
      if (!own) {
        bytes = Buffer.buffer(Math.max(declaredLength, bytes.length() + chunk.length())).appendBuffer(bytes);
        own = true;
      }
      bytes.appendBuffer(chunk);
    }

    Buffer bytes() {
      return bytes == null ? Buffer.buffer() : bytes;
    }
  }
}
