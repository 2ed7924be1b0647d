package gw.mock;

import com.knuddels.jtokkit.api.IntArrayList;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/** {@code POST /v1/embeddings}: deterministic vectors, as floats or as base64 (the OpenAI SDKs' default). */
final class EmbeddingsHandler implements Handler<RoutingContext> {

  private final Vertx vertx;
  private final ChaosState chaos;
  private final ChaosFailures failures;
  private final Tokenizer tokenizer;
  private final double timeScale;

  EmbeddingsHandler(Vertx vertx, ChaosState chaos, Tokenizer tokenizer, double timeScale) {
    this.vertx = vertx;
    this.chaos = chaos;
    this.failures = new ChaosFailures(vertx);
    this.tokenizer = tokenizer;
    this.timeScale = timeScale;
  }

  private record Input(String text, int tokens) {
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonObject body = RequestBodies.jsonObject(ctx);
    ChaosSpec perRequest = ChaosSpec.fromHeader(ctx.request().getHeader(ChaosSpecParser.HEADER));
    Object model = body.getValue("model");
    if (!(model instanceof String modelName)) {
      throw ApiError.invalidRequest("Missing required parameter: 'model' (a string).", "model",
          "missing_required_parameter");
    }
    ModelProfile profile = ModelProfiles.forEmbedding(modelName);
    if (profile.kind() != ModelProfile.Kind.EMBEDDING) {
      throw ApiError.invalidRequest("'" + modelName + "' is a chat model and cannot be used with /v1/embeddings; "
          + "use an embedding model such as text-embedding-3-small.", "model", "model_not_supported");
    }
    List<Input> inputs = inputs(body.getValue("input"), profile);
    int dimensions = dimensions(body.getValue("dimensions"), profile);
    boolean base64 = base64(body.getValue("encoding_format"));
    ChaosDecision decision = chaos.rollForModel(modelName, perRequest);
    long latency = decision.has(ChaosMode.LATENCY) ? decision.param(ChaosMode.LATENCY) : 0;
    Delays.after(vertx, ctx, latency, () -> {
      if (failures.intercept(ctx, decision, false)) {
        return;
      }
      Buffer json = response(modelName, inputs, dimensions, base64).toBuffer();
      Buffer answer = decision.has(ChaosMode.TRUNCATE_STREAM) ? json.getBuffer(0, json.length() / 2) : json;
      Delays.after(vertx, ctx, profile.firstTokenDelayMs(RequestKnobs.timeScale(ctx, timeScale)),
          () -> JsonResponses.send(ctx, answer));
    });
  }

  private static JsonObject response(String model, List<Input> inputs, int dimensions, boolean base64) {
    JsonArray data = new JsonArray();
    int tokens = 0;
    for (int i = 0; i < inputs.size(); i++) {
      float[] vector = EmbeddingVectors.vector(model, inputs.get(i).text(), dimensions);
      data.add(new JsonObject().put("object", "embedding").put("index", i)
          .put("embedding", base64 ? EmbeddingVectors.base64(vector) : floats(vector)));
      tokens += inputs.get(i).tokens();
    }
    return new JsonObject().put("object", "list").put("data", data).put("model", model)
        .put("usage", new JsonObject().put("prompt_tokens", tokens).put("total_tokens", tokens));
  }

  private static JsonArray floats(float[] vector) {
    List<Object> values = new ArrayList<>(vector.length);
    for (float value : vector) {
      values.add(value);
    }
    return new JsonArray(values);
  }

  /** A string, an array of strings, an array of token ids, or an array of such arrays. */
  private List<Input> inputs(Object input, ModelProfile profile) {
    if (input == null) {
      throw ApiError.invalidRequest("Missing required parameter: 'input'.", "input", "missing_required_parameter");
    }
    if (input instanceof String text) {
      return List.of(new Input(text, tokenizer.count(profile, text)));
    }
    if (!(input instanceof JsonArray array) || array.isEmpty()) {
      throw badInput();
    }
    if (array.stream().allMatch(Number.class::isInstance)) {
      return List.of(fromTokens(array, profile));
    }
    List<Input> inputs = new ArrayList<>(array.size());
    for (Object item : array) {
      if (item instanceof String text) {
        inputs.add(new Input(text, tokenizer.count(profile, text)));
      } else if (item instanceof JsonArray tokens && tokens.stream().allMatch(Number.class::isInstance)) {
        inputs.add(fromTokens(tokens, profile));
      } else {
        throw badInput();
      }
    }
    return inputs;
  }

  private Input fromTokens(JsonArray tokens, ModelProfile profile) {
    IntArrayList ids = new IntArrayList(tokens.size());
    tokens.forEach(token -> ids.add(((Number) token).intValue()));
    try {
      return new Input(tokenizer.decode(profile, ids), ids.size());
    } catch (RuntimeException unknownToken) {
      throw ApiError.invalidRequest("Invalid 'input': token ids are not valid for " + profile.encoding().getName()
          + ".", "input", "invalid_value");
    }
  }

  private static ApiError badInput() {
    return ApiError.invalidRequest("Invalid 'input': expected a non-empty string, array of strings, array of token "
        + "ids or array of token-id arrays.", "input", "invalid_type");
  }

  private static int dimensions(Object value, ModelProfile profile) {
    if (value == null) {
      return profile.dimensions();
    }
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
        && number.intValue() >= 1 && number.intValue() <= profile.dimensions()) {
      return number.intValue();
    }
    throw ApiError.invalidRequest("Invalid 'dimensions': expected an integer between 1 and " + profile.dimensions()
        + " for " + profile.id() + ", got " + value + ".", "dimensions", "invalid_value");
  }

  private static boolean base64(Object format) {
    if (format == null || "float".equals(format)) {
      return false;
    }
    if ("base64".equals(format)) {
      return true;
    }
    throw ApiError.invalidRequest("Invalid 'encoding_format': expected 'float' or 'base64', got " + format + ".",
        "encoding_format", "invalid_value");
  }
}
