package gw.gateway.drill;

import gw.gateway.incident.IncidentClass;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * How a drill makes one incident class happen with the mock's chaos, and the replay override that
 * tells the cause apart. Faults on the model are scoped to the sample traffic's model, so the
 * breakers' fallbacks (another model) really help, as they would against a real provider.
 *
 * @param operatorRecovers a DATA_INCIDENT is closed by people, not by the gateway: the drill acts as the operator
 * @param replayBefore     replay a trace from before the incident: during a leak traces keep no content to replay
 */
public record Scenario(IncidentClass incidentClass, String fault, JsonObject chaos, JsonObject replayOverrides,
    boolean operatorRecovers, boolean replayBefore) {

  /** About 5,000 prompt tokens with the mock's knowledge base: $0.0125 a request on gpt-4o, above the yellow line. */
  static final int FLOOD_DOCUMENTS = 250;

  /** @param model the model the sample traffic asks; @param latencyMs the injected latency of the performance scenario */
  public static Scenario of(IncidentClass c, String model, long latencyMs, String fallbackModel) {
    JsonObject toFallback = new JsonObject().put("model", fallbackModel);
    return switch (c) {
      case RETRIEVAL_OUTAGE -> new Scenario(c, "the vector store returns no documents",
          chaos("retrieval_outage", null, 0, null), toFallback, false, false);
      case PERFORMANCE_DEGRADATION -> new Scenario(c, model + " answers after " + latencyMs + " ms",
          chaos("latency", "ms", latencyMs, model), toFallback, false, false);
      case COST_SPIKE -> new Scenario(c, "a bad re-index duplicated every chunk: retrieval returns " + FLOOD_DOCUMENTS
          + " documents and every prompt balloons", chaos("retrieval_flood", "documents", FLOOD_DOCUMENTS, null),
          toFallback, false, false);
      case QUALITY_DEGRADATION -> new Scenario(c, model + " invents facts that are not in the context",
          chaos("hallucination", null, 0, model), toFallback, false, false);
      case DATA_INCIDENT -> new Scenario(c, model + " echoes personal data and secrets into its answers",
          chaos("pii_leak", null, 0, model), new JsonObject(), true, true);
    };
  }

  private static JsonObject chaos(String mode, String param, long value, String model) {
    JsonObject setting = new JsonObject().put("rate", 1.0);
    if (param != null) {
      setting.put(param, value);
    }
    JsonObject chaos = new JsonObject().put("modes", new JsonObject().put(mode, setting));
    if (model != null) {
      chaos.put("models", new JsonArray().add(model));
    }
    return chaos;
  }
}
