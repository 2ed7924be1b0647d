package gw.gateway.responses;

import static gw.gateway.testing.JsonText.json;
import static gw.gateway.testing.JsonText.sseData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.openai.TranslatedRequest;
import gw.gateway.testing.JsonText;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field by field, both ways: OpenAI Responses and chat completions, requests, answers and streams. */
class ResponsesTranslationTest {

  private static final String REQUEST = """
      {'model': 'gpt-4o', 'instructions': 'Be brief.', 'max_output_tokens': 200, 'temperature': 0.3, 'top_p': 0.8,
       'stream': true, 'store': false, 'user': 'u-1', 'metadata': {'k': 'v'}, 'parallel_tool_calls': false,
       'reasoning': {'effort': 'low'}, 'text': {'format': {'type': 'json_schema', 'name': 'order', 'strict': true,
       'schema': {'type': 'object'}}},
       'tools': [{'type': 'function', 'name': 'get_order', 'description': 'Order by id', 'parameters': {'type': 'object'}}],
       'tool_choice': {'type': 'function', 'name': 'get_order'},
       'input': [
         {'role': 'user', 'content': [{'type': 'input_text', 'text': 'Where is order 7?'},
                                      {'type': 'input_image', 'image_url': 'https://x/img.png', 'detail': 'low'}]},
         {'type': 'function_call', 'call_id': 'call_1', 'name': 'get_order', 'arguments': '{\\'id\\':\\'7\\'}'},
         {'type': 'function_call_output', 'call_id': 'call_1', 'output': 'shipped'},
         {'type': 'message', 'role': 'assistant', 'content': [{'type': 'output_text', 'text': 'It shipped.'}]},
         {'role': 'user', 'content': 'Thanks'}]}
      """;

  @Test
  void aResponsesRequestReadsAsChatFieldByField() {
    TranslatedRequest t = ResponsesToChat.translate(json(REQUEST));
    ObjectNode chat = t.chat();
    assertThat(t.untranslated()).isEmpty();
    assertThat(chat.path("max_tokens").asInt()).isEqualTo(200);
    assertThat(chat.path("stream_options").path("include_usage").asBoolean()).isTrue();
    assertThat(chat.path("store").asBoolean(true)).isFalse();
    assertThat(chat.path("reasoning_effort").asText()).isEqualTo("low");
    assertThat(chat.path("parallel_tool_calls").asBoolean(true)).isFalse();
    assertThat(chat.path("response_format").path("type").asText()).isEqualTo("json_schema");
    assertThat(chat.path("response_format").path("json_schema").path("name").asText()).isEqualTo("order");
    assertThat(chat.path("response_format").path("json_schema").path("strict").asBoolean()).isTrue();
    assertThat(chat.path("tools").get(0).path("function").path("name").asText()).isEqualTo("get_order");
    assertThat(chat.path("tool_choice").path("function").path("name").asText()).isEqualTo("get_order");
    JsonNode m = chat.path("messages");
    assertThat(m).hasSize(6);
    assertThat(m.get(0).path("role").asText()).isEqualTo("system");
    assertThat(m.get(0).path("content").asText()).isEqualTo("Be brief.");
    assertThat(m.get(1).path("content").get(1).path("image_url").path("detail").asText()).isEqualTo("low");
    assertThat(m.get(2).path("tool_calls").get(0).path("function").path("arguments").asText()).isEqualTo("{\"id\":\"7\"}");
    assertThat(m.get(3).path("role").asText()).isEqualTo("tool");
    assertThat(m.get(3).path("tool_call_id").asText()).isEqualTo("call_1");
    assertThat(m.get(4).path("content").asText()).isEqualTo("It shipped.");
    assertThat(m.get(5).path("content").asText()).isEqualTo("Thanks");
  }

  @Test
  void andWritesBackAsAnEquivalentResponsesRequest() {
    ObjectNode back = ChatToResponses.translate(ResponsesToChat.translate(json(REQUEST)).chat());
    ObjectNode original = json(REQUEST);
    for (String field : List.of("model", "instructions", "max_output_tokens", "temperature", "top_p", "stream", "store",
        "user", "metadata", "parallel_tool_calls", "tools", "tool_choice")) {
      assertThat(back.get(field)).as(field).isEqualTo(original.get(field));
    }
    assertThat(back.path("reasoning").path("effort").asText()).isEqualTo("low");
    assertThat(back.path("text").path("format")).isEqualTo(original.path("text").path("format"));
    JsonNode input = back.path("input");
    assertThat(input.get(0).path("content").get(0)).isEqualTo(original.path("input").get(0).path("content").get(0));
    assertThat(input.get(0).path("content").get(1).path("image_url").asText()).isEqualTo("https://x/img.png");
    assertThat(input.get(1)).isEqualTo(original.path("input").get(1));
    assertThat(input.get(2)).isEqualTo(original.path("input").get(2));
    assertThat(input.get(3).path("content").asText()).isEqualTo("It shipped.");
    assertThat(back.has("stream_options")).isFalse();
  }

  @Test
  void whatChatCannotCarryIsListedNotDropped() {
    TranslatedRequest t = ResponsesToChat.translate(json("""
        {'model': 'gpt-4o', 'previous_response_id': 'resp_1', 'include': ['reasoning.encrypted_content'],
         'truncation': 'auto', 'background': true, 'reasoning': {'summary': 'auto'},
         'tools': [{'type': 'web_search_preview'}],
         'input': [{'type': 'reasoning', 'id': 'rs_1', 'summary': []},
                   {'role': 'user', 'content': [{'type': 'input_file', 'file_id': 'file-1'}]}]}
        """));
    assertThat(t.untranslated()).containsExactlyInAnyOrder("previous_response_id", "include", "truncation",
        "background", "reasoning.summary", "tools[0] (web_search_preview)", "input[0] (reasoning)",
        "input[1].content[0] (input_file)");
  }

  @Test
  void answersTranslateBothWaysWithUsageDetails() {
    ObjectNode response = json("""
        {'id': 'resp_9', 'object': 'response', 'created_at': 1700000000, 'status': 'completed', 'model': 'gpt-4o',
         'output': [{'type': 'message', 'id': 'msg_9', 'role': 'assistant', 'status': 'completed',
                     'content': [{'type': 'output_text', 'text': 'Calling.', 'annotations': []}]},
                    {'type': 'function_call', 'id': 'fc_1', 'call_id': 'call_1', 'name': 'f', 'arguments': '{}', 'status': 'completed'}],
         'usage': {'input_tokens': 2000, 'input_tokens_details': {'cached_tokens': 1920}, 'output_tokens': 50,
                   'output_tokens_details': {'reasoning_tokens': 30}, 'total_tokens': 2050}}
        """);
    ObjectNode chat = ResponseAnswers.toChat(response);
    assertThat(chat.path("id").asText()).isEqualTo("resp_9");
    JsonNode choice = chat.path("choices").get(0);
    assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(choice.path("message").path("content").asText()).isEqualTo("Calling.");
    assertThat(choice.path("message").path("tool_calls").get(0).path("id").asText()).isEqualTo("call_1");
    assertThat(chat.path("usage").path("prompt_tokens_details").path("cached_tokens").asInt()).isEqualTo(1920);
    assertThat(chat.path("usage").path("completion_tokens_details").path("reasoning_tokens").asInt()).isEqualTo(30);

    ObjectNode back = ResponseAnswers.fromChat(chat, json("{'model': 'gpt-4o', 'instructions': 'Be brief.', 'input': 'x'}"));
    assertThat(back.path("id").asText()).isEqualTo("resp_9");
    assertThat(back.path("status").asText()).isEqualTo("completed");
    assertThat(back.path("instructions").asText()).isEqualTo("Be brief.");
    assertThat(back.path("output").get(0).path("content").get(0).path("text").asText()).isEqualTo("Calling.");
    assertThat(back.path("output").get(1).path("call_id").asText()).isEqualTo("call_1");
    for (String path : List.of("/input_tokens", "/input_tokens_details/cached_tokens", "/output_tokens",
        "/output_tokens_details/reasoning_tokens", "/total_tokens")) {
      assertThat(back.path("usage").at(path).asLong()).as(path).isEqualTo(response.path("usage").at(path).asLong());
    }
    ObjectNode cut = chat.deepCopy();
    ((ObjectNode) cut.path("choices").get(0)).put("finish_reason", "length");
    assertThat(ResponseAnswers.fromChat(cut, null).path("incomplete_details").path("reason").asText())
        .isEqualTo("max_output_tokens");
  }

  @Test
  void streamsTranslateBothWaysWhateverTheChunking() {
    String events = String.join("", List.of(
        event("{'type':'response.created','sequence_number':0,'response':{'id':'resp_5','model':'gpt-4o','created_at':5,'output':[]}}"),
        event("{'type':'response.output_item.added','output_index':0,'item':{'type':'message','id':'msg_5','role':'assistant','content':[]}}"),
        event("{'type':'response.output_text.delta','item_id':'msg_5','output_index':0,'content_index':0,'delta':'Héllo '}"),
        event("{'type':'response.output_text.delta','item_id':'msg_5','output_index':0,'content_index':0,'delta':'there.'}"),
        event("{'type':'response.output_item.added','output_index':1,'item':{'type':'function_call','id':'fc_7','call_id':'call_7','name':'f','arguments':''}}"),
        event("{'type':'response.function_call_arguments.delta','item_id':'fc_7','output_index':1,'delta':'{\\'a\\''}"),
        event("{'type':'response.function_call_arguments.delta','item_id':'fc_7','output_index':1,'delta':': 1}'}"),
        event("{'type':'response.completed','response':{'id':'resp_5','status':'completed','usage':{'input_tokens':12,"
            + "'output_tokens':9,'input_tokens_details':{'cached_tokens':0},'output_tokens_details':{'reasoning_tokens':0}}}}")));
    byte[] bytes = events.getBytes(StandardCharsets.UTF_8);
    for (int size : new int[] {1, 13, bytes.length}) {
      ResponsesStreamDecoder decoder = new ResponsesStreamDecoder(true);
      Buffer chat = JsonText.inPieces(bytes, size, decoder::decode);
      List<JsonNode> chunks = sseData(chat.toString());
      assertThat(chunks.get(chunks.size() - 1).asText()).isEqualTo("[DONE]");
      JsonText.Deltas said = JsonText.deltas(chunks);
      assertThat(said.content()).isEqualTo("Héllo there.");
      assertThat(said.arguments()).isEqualTo("{\"a\": 1}");
      assertThat(chunks.get(chunks.size() - 3).path("choices").get(0).path("finish_reason").asText()).isEqualTo("tool_calls");
      assertThat(chunks.get(chunks.size() - 2).path("usage").path("completion_tokens").asInt()).isEqualTo(9);

      List<JsonNode> back = sseData(new ResponsesStreamEncoder(json("{'model':'gpt-4o','input':'x'}")).encode(chat).toString());
      List<String> types = back.stream().map(e -> e.path("type").asText()).toList();
      assertThat(types).containsExactly("response.created", "response.in_progress", "response.output_item.added",
          "response.content_part.added", "response.output_text.delta", "response.output_text.delta",
          "response.output_text.done", "response.content_part.done", "response.output_item.done",
          "response.output_item.added", "response.function_call_arguments.delta",
          "response.function_call_arguments.delta", "response.function_call_arguments.done",
          "response.output_item.done", "response.completed");
      for (int i = 0; i < back.size(); i++) {
        assertThat(back.get(i).path("sequence_number").asInt()).isEqualTo(i);
      }
      JsonNode done = back.get(back.size() - 1).path("response");
      assertThat(done.path("id").asText()).isEqualTo("resp_5");
      assertThat(done.path("output").get(0).path("content").get(0).path("text").asText()).isEqualTo("Héllo there.");
      assertThat(done.path("output").get(1).path("arguments").asText()).isEqualTo("{\"a\": 1}");
      assertThat(done.path("usage").path("output_tokens").asInt()).isEqualTo(9);
    }
  }

  private static String event(String json) {
    String data = json.replace('\'', '"');
    return "event: x\ndata: " + data + "\n\n";
  }

}
