package gw.gateway.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.chain.Causes;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.chain.Route;
import gw.traces.json.Json;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * Parses a client's JSON body and checks only what the gateway itself relies on ({@code model},
 * {@code stream}, the shape of {@code messages}/{@code input}); everything else is the provider's
 * to judge, and unknown fields are kept as they are.
 */
public final class RequestBodies {
  /** Big decimals keep numbers exactly as the client wrote them when a body is re-serialised. */
  public static final ObjectMapper JSON = Json.EXACT_NUMBERS;
  /**
   * Client bodies are read strictly: a duplicate key or bytes after the object would let the gateway
   * (budgets, routing, redaction) and the provider read two different requests from the same bytes.
   */
  private static final ObjectReader CLIENT = JSON.reader()
      .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private RequestBodies() {}

  public static ObjectNode parse(Route route, Buffer raw) {
    JsonNode node;
    try {
      node = CLIENT.readTree(raw.getBytes());
    } catch (IOException e) {
      throw GatewayFailure.invalidRequest("invalid_json", null,
          "We could not parse the JSON body of your request: " + firstLine(e)
              + ". Send a valid JSON object (Content-Type: application/json).");
    }
    if (node == null || !node.isObject()) {
      throw GatewayFailure.invalidRequest("invalid_json", null, "The request body must be a JSON object.");
    }
    ObjectNode body = (ObjectNode) node;
    JsonNode model = body.get("model");
    if (model == null || !model.isTextual() || model.asText().isBlank()) {
      throw GatewayFailure.invalidRequest("missing_model", "model",
          "You must provide a model parameter (a non-empty string).");
    }
    JsonNode stream = body.get("stream");
    if (stream != null && !stream.isNull() && !stream.isBoolean()) {
      throw GatewayFailure.invalidRequest("invalid_type", "stream", "stream must be true or false, got " + stream);
    }
    if (route == Route.CHAT_COMPLETIONS) {
      JsonNode messages = body.get("messages");
      if (messages == null || !messages.isArray() || messages.isEmpty()) {
        throw GatewayFailure.invalidRequest("invalid_messages", "messages",
            "messages must be a non-empty array of {role, content} objects.");
      }
    } else if (route == Route.EMBEDDINGS && !body.hasNonNull("input")) {
      throw GatewayFailure.invalidRequest("missing_input", "input", "You must provide an input (a string or an array).");
    }
    return body;
  }

  public static Buffer serialize(ObjectNode body) {
    try {
      return Buffer.buffer(JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed JSON tree always serialises", e);
    }
  }

  private static String firstLine(IOException e) {
    String m = Causes.describe(e);
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
