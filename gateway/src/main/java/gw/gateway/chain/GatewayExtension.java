package gw.gateway.chain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The optional {@code gateway} object of a request body, typed: what the app retrieved, the tools
 * it ran, the registry prompt it asks for, its tags and the facts it expects in the answer. Bound
 * once from the validated JSON; lists are never null. Unknown fields are ignored so newer apps can
 * talk to older gateways.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GatewayExtension(
    Retrieval retrieval,
    List<ToolReport> tools,
    PromptRef prompt,
    List<String> tags,
    @JsonProperty("expected_facts") List<String> expectedFacts) {

  public static final GatewayExtension NONE = new GatewayExtension(null, null, null, null, null);

  public GatewayExtension {
    tools = tools == null ? List.of() : List.copyOf(tools);
    tags = tags == null ? List.of() : List.copyOf(tags);
    expectedFacts = expectedFacts == null ? List.of() : List.copyOf(expectedFacts);
  }

  /** What the app's retrieval step found; {@code score} is null when the app sent none. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Retrieval(String query, List<Document> documents, @JsonProperty("latency_ms") double latencyMs) {
    public Retrieval {
      documents = documents == null ? List.of() : List.copyOf(documents);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Document(String source, Double score, String content) {
    /** The content, empty when the app sent none. */
    public String text() {
      return content == null ? "" : content;
    }
  }

  /** A tool call the app made while answering; input and output are whatever JSON it reported. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ToolReport(String name, JsonNode input, JsonNode output, @JsonProperty("latency_ms") double latencyMs,
      Boolean success, String error) {
    /** A reported tool call that does not say otherwise succeeded. */
    public boolean succeeded() {
      return success == null || success;
    }
  }

  /** A registry prompt by id, optionally pinned to a version, with values for its variables. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PromptRef(String id, String version, Map<String, JsonNode> variables) {
    public PromptRef {
      variables = variables == null ? Map.of() : variables;
    }
  }
}
