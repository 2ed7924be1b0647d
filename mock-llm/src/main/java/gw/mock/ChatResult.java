package gw.mock;

/**
 * What the mock answers to one chat request, before it is rendered as JSON or as a stream.
 *
 * @param content          the assistant text, or null when the answer is a tool call
 * @param toolCall         the tool call, or null
 * @param cachedTokens     the part of {@code promptTokens} read from the prompt cache
 * @param reasoningTokens  the part of {@code completionTokens} spent thinking (never shown)
 */
record ChatResult(String content, ToolCall toolCall, String finishReason, int promptTokens, int completionTokens,
    int cachedTokens, int reasoningTokens) {

  /** {@code visibleTokens}: what the answer itself counts; reasoning and cache reads follow {@link UsageDetails}. */
  static ChatResult of(String model, String content, ToolCall toolCall, String finishReason, int promptTokens,
      int visibleTokens) {
    int reasoning = UsageDetails.reasoningTokens(model, visibleTokens);
    return new ChatResult(content, toolCall, finishReason, promptTokens, visibleTokens + reasoning,
        UsageDetails.cachedTokens(promptTokens), reasoning);
  }
}
