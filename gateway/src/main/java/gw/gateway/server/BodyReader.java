package gw.gateway.server;

import gw.gateway.chain.GatewayFailure;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Reads a whole body (a client's request, a provider's answer) while enforcing its size limit as
 * bytes arrive, not after. The caller owns the promise, so a deadline can fail it too.
 */
final class BodyReader {
  private BodyReader() {}

  /** {@code declared}: the Content-Length header or null; {@code tooLarge}: the failure beyond {@code maxBytes}. */
  static void read(ReadStream<Buffer> stream, String declared, long maxBytes, GatewayFailure tooLarge,
      Promise<Buffer> into) {
    long declaredBytes = 0;
    if (declared != null) {
      try {
        declaredBytes = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        into.tryFail(GatewayFailure.invalidRequest("invalid_content_length", null,
            "Content-Length '" + declared + "' is not a number"));
        return;
      }
      if (declaredBytes > maxBytes) {
        into.tryFail(tooLarge);
        return;
      }
    }
    Body body = new Body((int) Math.min(Integer.MAX_VALUE, Math.max(0, declaredBytes)));
    stream.handler(chunk -> {
      if (body.length() + chunk.length() > maxBytes) {
        stream.handler(null);
        into.tryFail(tooLarge);
      } else {
        body.add(chunk);
      }
    });
    stream.endHandler(v -> into.tryComplete(body.bytes()));
    stream.exceptionHandler(into::tryFail);
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
