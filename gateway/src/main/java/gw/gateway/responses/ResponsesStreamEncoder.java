package gw.gateway.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.openai.ChatStreamEncoder;
import gw.gateway.openai.SseEvents;
import io.vertx.core.buffer.Buffer;

/**
 * OpenAI chat chunks (what the policies let through) written as the Responses event stream for a
 * {@code /v1/responses} client: {@code response.created} and {@code response.in_progress} first, a
 * message item with its content part and {@code output_text} deltas, a {@code function_call} item per
 * tool call with its argument deltas, each item closed with its {@code .done} events when the next
 * begins, and at {@code [DONE]} {@code response.completed} (or {@code response.incomplete}) with the
 * whole response and its usage. Events are numbered; an OpenAI error event becomes an {@code error} event.
 */
public final class ResponsesStreamEncoder extends ChatStreamEncoder {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonNode request;
  private final ArrayNode output = NODES.arrayNode();
  private int sequence;
  private String id = "resp_";
  private String model = "";
  private long created;
  /** The item being written: "message", "function_call" or null. */
  private String open;
  private final StringBuilder text = new StringBuilder();
  private String callId;
  private String callName;

  /** {@code request}: the client's Responses request, whose settings the response objects echo. */
  public ResponsesStreamEncoder(JsonNode request) {
    this.request = request;
  }

  @Override
  protected Buffer error(JsonNode openAiError) {
    return error(openAiError, sequence++);
  }

  /** The Responses stream's error event for a failure that ends a stream. */
  public static Buffer error(JsonNode openAiError, int sequence) {
    ObjectNode e = NODES.objectNode().put("type", "error").put("code", openAiError.path("code").asText(null))
        .put("message", openAiError.path("message").asText("The stream failed"))
        .put("param", openAiError.path("param").asText(null)).put("sequence_number", sequence);
    return SseEvents.event("error", e.toString());
  }

  @Override
  protected void start(JsonNode chunk, Buffer out) {
    id = ResponseAnswers.responseId(chunk.path("id").asText(""));
    model = chunk.path("model").asText("");
    created = chunk.path("created").asLong();
    ObjectNode response = ResponseAnswers.response(id, created, model, request, "in_progress", NODES.arrayNode(), null);
    emit(out, "response.created", NODES.objectNode().set("response", response));
    emit(out, "response.in_progress", NODES.objectNode().set("response", response));
  }

  @Override
  protected void delta(JsonNode delta, Buffer out) {
    if (delta.path("content").isTextual() && !delta.get("content").asText().isEmpty()) {
      if (!"message".equals(open)) {
        close(out);
        open = "message";
        text.setLength(0);
        ObjectNode item = ResponseAnswers.messageItem(id, "", "in_progress");
        item.putArray("content");
        emit(out, "response.output_item.added", NODES.objectNode().put("output_index", output.size()).set("item", item));
        emit(out, "response.content_part.added", at().set("part", ResponseAnswers.outputText("")));
      }
      text.append(delta.get("content").asText());
      ObjectNode event = at().put("delta", delta.get("content").asText());
      event.putArray("logprobs");
      emit(out, "response.output_text.delta", event);
    }
    for (JsonNode call : delta.path("tool_calls")) {
      if (call.hasNonNull("id")) {
        close(out);
        open = "function_call";
        text.setLength(0);
        callId = call.get("id").asText();
        callName = call.path("function").path("name").asText();
        emit(out, "response.output_item.added", NODES.objectNode().put("output_index", output.size())
            .set("item", ResponseAnswers.functionCallItem(callId, callName, "", "in_progress")));
      }
      String arguments = call.path("function").path("arguments").asText("");
      if (!arguments.isEmpty() && "function_call".equals(open)) {
        text.append(arguments);
        emit(out, "response.function_call_arguments.delta", NODES.objectNode().put("item_id", "fc_" + callId)
            .put("output_index", output.size()).put("delta", arguments));
      }
    }
  }

  /** Where the open message's text goes: its item, output index and content index. */
  private ObjectNode at() {
    return NODES.objectNode().put("item_id", "msg_" + id.substring("resp_".length())).put("output_index", output.size())
        .put("content_index", 0);
  }

  private void close(Buffer out) {
    if ("message".equals(open)) {
      ObjectNode done = at().put("text", text.toString());
      done.putArray("logprobs");
      emit(out, "response.output_text.done", done);
      emit(out, "response.content_part.done", at().set("part", ResponseAnswers.outputText(text.toString())));
      ObjectNode item = ResponseAnswers.messageItem(id, text.toString(), "completed");
      emit(out, "response.output_item.done", NODES.objectNode().put("output_index", output.size()).set("item", item));
      output.add(item);
    } else if ("function_call".equals(open)) {
      emit(out, "response.function_call_arguments.done", NODES.objectNode().put("item_id", "fc_" + callId)
          .put("output_index", output.size()).put("arguments", text.toString()));
      ObjectNode item = ResponseAnswers.functionCallItem(callId, callName, text.toString(), "completed");
      emit(out, "response.output_item.done", NODES.objectNode().put("output_index", output.size()).set("item", item));
      output.add(item);
    }
    open = null;
  }

  @Override
  protected void finish(Buffer out) {
    close(out);
    String status = "length".equals(finishReason) ? "incomplete" : "completed";
    ObjectNode response = ResponseAnswers.response(id, created, model, request, status, output,
        ResponseAnswers.usageFromChat(usage));
    emit(out, "response." + status, NODES.objectNode().set("response", response));
  }

  private void emit(Buffer out, String type, ObjectNode fields) {
    ObjectNode event = NODES.objectNode().put("type", type).put("sequence_number", sequence++);
    event.setAll(fields);
    out.appendBuffer(SseEvents.event(type, event.toString()));
  }
}
