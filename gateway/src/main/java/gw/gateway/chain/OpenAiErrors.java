package gw.gateway.chain;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/** The single place where a {@link GatewayFailure} becomes OpenAI's error JSON. */
public final class OpenAiErrors {
  private OpenAiErrors() {}

  public static Buffer body(GatewayFailure f) {
    JsonObject error = new JsonObject()
        .put("message", f.getMessage())
        .put("type", f.type())
        .put("param", f.param())
        .put("code", f.code());
    return new JsonObject().put("error", error).toBuffer();
  }
}
