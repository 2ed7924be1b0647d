package gw.gateway.policy.leak;

/** Where a sensitive value in an answer came from, as far as the request shows. */
public enum Origin {
  /** On the configured allowlist of public values and domains. */
  PUBLIC("public (allowlisted)"),
  /** In the caller's own messages, tool calls or tool outputs: an echo. */
  CALLER("the caller's own messages"),
  /** Only in the request's retrieved documents (or its system instructions). */
  DOCUMENTS("retrieved documents only"),
  /** Nowhere in the request. */
  NOWHERE("not in the request");

  private final String description;

  Origin(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
