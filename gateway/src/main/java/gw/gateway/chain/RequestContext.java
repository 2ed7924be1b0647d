package gw.gateway.chain;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the app told us about the request: correlation headers and the optional {@code gateway}
 * body object (retrieval, tools, prompt reference, tags, expected facts), already validated and stripped from
 * what goes upstream. {@code userId} is raw here and only ever leaves as a salted hash.
 */
public record RequestContext(
    String requestId,
    String sessionId,
    String conversationId,
    String userId,
    String feature,
    String traceparent,
    JsonNode retrieval,
    JsonNode tools,
    JsonNode prompt,
    JsonNode tags,
    JsonNode expectedFacts) {

  public static final RequestContext EMPTY =
      new RequestContext(null, null, null, null, null, null, null, null, null, null, null);

  /** A reported tool call that does not say otherwise succeeded. */
  public static boolean toolSucceeded(JsonNode tool) {
    return tool.path("success").asBoolean(true);
  }
}
