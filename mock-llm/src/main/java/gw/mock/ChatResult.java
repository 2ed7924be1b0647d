package gw.mock;

/**
 * What the mock answers to one chat request, before it is rendered as JSON or as a stream.
 *
 * @param content  the assistant text, or null when the answer is a tool call
 * @param toolCall the tool call, or null
 */
record ChatResult(String content, ToolCall toolCall, String finishReason, int promptTokens, int completionTokens) {
}
