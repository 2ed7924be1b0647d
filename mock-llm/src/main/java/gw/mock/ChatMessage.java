package gw.mock;

import io.vertx.core.json.JsonArray;

/**
 * One message of a chat request, reduced to what the mock needs.
 *
 * @param text       the content as plain text (text parts of multi-part content joined by newlines)
 * @param toolCalls  an assistant message's tool calls, or an empty array
 */
record ChatMessage(String role, String text, String name, String toolCallId, JsonArray toolCalls) {
}
