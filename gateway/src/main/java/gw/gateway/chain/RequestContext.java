package gw.gateway.chain;

import java.util.List;

/**
 * What the app told us about the request: correlation headers and the optional {@code gateway}
 * body object (already validated, typed and stripped from what goes upstream). {@code userId} is
 * raw here and only ever leaves as a salted hash.
 */
public record RequestContext(
    String requestId,
    String sessionId,
    String conversationId,
    String userId,
    String feature,
    String traceparent,
    GatewayExtension gateway) {

  public static final RequestContext EMPTY = new RequestContext(null, null, null, null, null, null, GatewayExtension.NONE);

  public RequestContext {
    gateway = gateway == null ? GatewayExtension.NONE : gateway;
  }

  /** The app's retrieval, or null when it reported none. */
  public GatewayExtension.Retrieval retrieval() {
    return gateway.retrieval();
  }

  public List<GatewayExtension.ToolReport> tools() {
    return gateway.tools();
  }

  /** The registry prompt asked for, or null. */
  public GatewayExtension.PromptRef prompt() {
    return gateway.prompt();
  }

  public List<String> tags() {
    return gateway.tags();
  }

  public List<String> expectedFacts() {
    return gateway.expectedFacts();
  }
}
