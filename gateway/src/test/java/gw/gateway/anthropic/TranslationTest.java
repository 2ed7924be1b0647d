package gw.gateway.anthropic;

import static gw.gateway.testing.JsonText.json;
import static gw.gateway.testing.JsonText.sseData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.testing.JsonText;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field by field, both ways: Anthropic Messages and OpenAI chat completions, requests, answers and streams. */
class TranslationTest {

  private static final String MESSAGES_REQUEST = """
      {'model': 'claude-sonnet-4', 'max_tokens': 300, 'stream': true, 'temperature': 0.2, 'top_p': 0.9,
       'stop_sequences': ['END'], 'metadata': {'user_id': 'u-1'},
       'system': [{'type': 'text', 'text': 'Be brief.', 'cache_control': {'type': 'ephemeral'}}],
       'tools': [{'name': 'get_order', 'description': 'Order by id',
                  'input_schema': {'type': 'object', 'properties': {'id': {'type': 'string'}}}}],
       'tool_choice': {'type': 'tool', 'name': 'get_order', 'disable_parallel_tool_use': true},
       'messages': [
         {'role': 'user', 'content': [{'type': 'text', 'text': 'Where is order 7?'},
                                      {'type': 'image', 'source': {'type': 'base64', 'media_type': 'image/png', 'data': 'AAAA'}}]},
         {'role': 'assistant', 'content': [{'type': 'text', 'text': 'Let me look.'},
                                           {'type': 'tool_use', 'id': 'toolu_1', 'name': 'get_order', 'input': {'id': '7'}}]},
         {'role': 'user', 'content': [{'type': 'tool_result', 'tool_use_id': 'toolu_1', 'content': 'shipped'},
                                      {'type': 'text', 'text': 'Thanks!'}]}]}
      """;

  @Test
  void aMessagesRequestReadsAsChatFieldByField() {
    gw.gateway.openai.TranslatedRequest t = MessagesToChat.translate(json(MESSAGES_REQUEST));
    ObjectNode chat = t.chat();
    assertThat(t.untranslated()).isEmpty();
    assertThat(chat.path("model").asText()).isEqualTo("claude-sonnet-4");
    assertThat(chat.path("max_tokens").asInt()).isEqualTo(300);
    assertThat(chat.path("stream").asBoolean()).isTrue();
    assertThat(chat.path("stream_options").path("include_usage").asBoolean()).isTrue();
    assertThat(chat.path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(chat.path("top_p").asDouble()).isEqualTo(0.9);
    assertThat(chat.path("stop").get(0).asText()).isEqualTo("END");
    assertThat(chat.path("user").asText()).isEqualTo("u-1");
    assertThat(chat.path("parallel_tool_calls").asBoolean(true)).isFalse();
    assertThat(chat.path("tool_choice").path("function").path("name").asText()).isEqualTo("get_order");
    JsonNode tool = chat.path("tools").get(0);
    assertThat(tool.path("type").asText()).isEqualTo("function");
    assertThat(tool.path("function").path("parameters").path("properties").has("id")).isTrue();

    JsonNode m = chat.path("messages");
    assertThat(m).hasSize(5);
    assertThat(m.get(0).path("role").asText()).isEqualTo("system");
    assertThat(m.get(0).path("content").get(0).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
    assertThat(m.get(1).path("content").get(0).path("text").asText()).isEqualTo("Where is order 7?");
    assertThat(m.get(1).path("content").get(1).path("image_url").path("url").asText()).isEqualTo("data:image/png;base64,AAAA");
    assertThat(m.get(2).path("content").asText()).isEqualTo("Let me look.");
    JsonNode call = m.get(2).path("tool_calls").get(0);
    assertThat(call.path("id").asText()).isEqualTo("toolu_1");
    assertThat(call.path("function").path("arguments").asText()).isEqualTo("{\"id\":\"7\"}");
    assertThat(m.get(3).path("role").asText()).isEqualTo("tool");
    assertThat(m.get(3).path("tool_call_id").asText()).isEqualTo("toolu_1");
    assertThat(m.get(3).path("content").asText()).isEqualTo("shipped");
    assertThat(m.get(4).path("content").asText()).isEqualTo("Thanks!");
  }

  @Test
  void andWritesBackAsTheSameMessagesRequest() {
    ObjectNode original = json(MESSAGES_REQUEST);
    ObjectNode back = ChatToMessages.translate(MessagesToChat.translate(original.deepCopy()).chat());
    assertThat(back).isEqualTo(original);
  }

  @Test
  void whatChatCannotCarryIsListedNotDropped() {
    ObjectNode request = json("""
        {'model': 'claude-sonnet-4', 'max_tokens': 64, 'top_k': 5, 'thinking': {'type': 'enabled', 'budget_tokens': 32},
         'tools': [{'type': 'web_search_20250305', 'name': 'web_search'}],
         'messages': [{'role': 'user', 'content': [{'type': 'document', 'source': {'type': 'text', 'data': 'x'}},
                                                    {'type': 'text', 'text': 'Summarise'}]},
                      {'role': 'user', 'content': [{'type': 'tool_result', 'tool_use_id': 't', 'is_error': true, 'content': 'boom'}]}]}
        """);
    assertThat(MessagesToChat.translate(request).untranslated()).containsExactlyInAnyOrder("top_k", "thinking",
        "tools[0] (web_search_20250305)", "messages[0].content[0] (document)", "messages[1].content[0].is_error");
  }

  @Test
  void aChatRequestWritesAsMessagesAndRefusesWhatAnthropicLacks() {
    ObjectNode chat = json("""
        {'model': 'claude-sonnet-4', 'max_completion_tokens': 99, 'stop': 'END', 'user': 'u-2',
         'stream': true, 'stream_options': {'include_usage': true}, 'tool_choice': 'required',
         'messages': [{'role': 'developer', 'content': 'Be brief.'}, {'role': 'system', 'content': 'Cite sources.'},
                      {'role': 'user', 'content': 'Hi'},
                      {'role': 'assistant', 'content': null, 'tool_calls': [{'id': 'c1', 'type': 'function',
                        'function': {'name': 'f', 'arguments': '{\\'a\\': 1}'}}]},
                      {'role': 'tool', 'tool_call_id': 'c1', 'content': 'one'},
                      {'role': 'tool', 'tool_call_id': 'c2', 'content': 'two'}],
         'tools': [{'type': 'function', 'function': {'name': 'f', 'parameters': {'type': 'object'}}}]}
        """);
    ObjectNode m = ChatToMessages.translate(chat);
    assertThat(m.path("max_tokens").asInt()).isEqualTo(99);
    assertThat(m.path("stop_sequences").get(0).asText()).isEqualTo("END");
    assertThat(m.path("metadata").path("user_id").asText()).isEqualTo("u-2");
    assertThat(m.has("stream_options")).isFalse();
    assertThat(m.path("tool_choice").path("type").asText()).isEqualTo("any");
    assertThat(m.path("system")).hasSize(2);
    assertThat(m.path("system").get(1).path("text").asText()).isEqualTo("Cite sources.");
    assertThat(m.path("tools").get(0).path("input_schema").path("type").asText()).isEqualTo("object");
    JsonNode messages = m.path("messages");
    assertThat(messages).hasSize(3);
    assertThat(messages.get(1).path("content").get(0).path("input").path("a").asInt()).isEqualTo(1);
    assertThat(messages.get(2).path("role").asText()).isEqualTo("user");
    assertThat(messages.get(2).path("content")).hasSize(2); // both tool results in one user turn
    assertThat(messages.get(2).path("content").get(1).path("tool_use_id").asText()).isEqualTo("c2");
    assertThat(ChatToMessages.translate(json("{'model': 'c', 'messages': []}")).path("max_tokens").asInt())
        .isEqualTo(ChatToMessages.DEFAULT_MAX_TOKENS);

    for (String refused : List.of("{'model': 'c', 'messages': [], 'n': 3}", "{'model': 'c', 'messages': [], 'logprobs': true}",
        "{'model': 'c', 'messages': [], 'temperature': 1.5}",
        "{'model': 'c', 'messages': [], 'response_format': {'type': 'json_object'}}",
        "{'model': 'c', 'messages': [{'role': 'user', 'content': [{'type': 'input_audio', 'input_audio': {}}]}]}")) {
      assertThatThrownBy(() -> ChatToMessages.translate(json(refused))).as(refused)
          .isInstanceOfSatisfying(GatewayFailure.class, f -> {
            assertThat(f.status()).isEqualTo(400);
            assertThat(f.code()).isEqualTo("untranslatable_field");
          });
    }
  }

  @Test
  void answersTranslateBothWaysWithEveryUsageCount() {
    ObjectNode message = json("""
        {'id': 'msg_1', 'type': 'message', 'role': 'assistant', 'model': 'claude-sonnet-4',
         'content': [{'type': 'text', 'text': 'Checking.'}, {'type': 'tool_use', 'id': 'toolu_9', 'name': 'f', 'input': {'a': 1}}],
         'stop_reason': 'tool_use', 'stop_sequence': null,
         'usage': {'input_tokens': 10, 'cache_read_input_tokens': 2048, 'cache_creation_input_tokens': 512, 'output_tokens': 7}}
        """);
    ObjectNode chat = MessageAnswers.toChat(message, 1_700_000_000L);
    assertThat(chat.path("id").asText()).isEqualTo("msg_1");
    JsonNode choice = chat.path("choices").get(0);
    assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(choice.path("message").path("content").asText()).isEqualTo("Checking.");
    assertThat(choice.path("message").path("tool_calls").get(0).path("function").path("arguments").asText())
        .isEqualTo("{\"a\":1}");
    JsonNode usage = chat.path("usage");
    assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(10 + 2048 + 512);
    assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asInt()).isEqualTo(2048);
    assertThat(usage.path("prompt_tokens_details").path("cache_write_tokens").asInt()).isEqualTo(512);
    assertThat(usage.path("completion_tokens").asInt()).isEqualTo(7);

    ObjectNode back = MessageAnswers.fromChat(chat);
    assertThat(back.path("content")).isEqualTo(message.path("content"));
    assertThat(back.path("stop_reason")).isEqualTo(message.path("stop_reason"));
    for (String count : List.of("input_tokens", "cache_read_input_tokens", "cache_creation_input_tokens", "output_tokens")) {
      assertThat(back.path("usage").path(count).asLong()).as(count).isEqualTo(message.path("usage").path(count).asLong());
    }
    assertThat(back.path("id").asText()).isEqualTo("msg_1");
  }

  @Test
  void streamsTranslateBothWaysWhateverTheChunking() {
    String anthropic = String.join("", List.of(
        event("message_start", "{'type':'message_start','message':{'id':'msg_2','type':'message','role':'assistant',"
            + "'model':'claude-sonnet-4','content':[],'usage':{'input_tokens':12,'cache_read_input_tokens':0,'output_tokens':1}}}"),
        event("content_block_start", "{'type':'content_block_start','index':0,'content_block':{'type':'text','text':''}}"),
        event("ping", "{'type':'ping'}"),
        event("content_block_delta", "{'type':'content_block_delta','index':0,'delta':{'type':'text_delta','text':'Héllo '}}"),
        event("content_block_delta", "{'type':'content_block_delta','index':0,'delta':{'type':'text_delta','text':'there.'}}"),
        event("content_block_stop", "{'type':'content_block_stop','index':0}"),
        event("content_block_start", "{'type':'content_block_start','index':1,'content_block':{'type':'tool_use','id':'toolu_3','name':'f','input':{}}}"),
        event("content_block_delta", "{'type':'content_block_delta','index':1,'delta':{'type':'input_json_delta','partial_json':'{\\'a\\''}}"),
        event("content_block_delta", "{'type':'content_block_delta','index':1,'delta':{'type':'input_json_delta','partial_json':': 1}'}}"),
        event("content_block_stop", "{'type':'content_block_stop','index':1}"),
        event("message_delta", "{'type':'message_delta','delta':{'stop_reason':'tool_use','stop_sequence':null},'usage':{'output_tokens':9}}"),
        event("message_stop", "{'type':'message_stop'}")));
    byte[] bytes = anthropic.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (int size : new int[] {1, 7, bytes.length}) {
      MessagesStreamDecoder decoder = new MessagesStreamDecoder(true, 1L);
      Buffer chat = JsonText.inPieces(bytes, size, decoder::decode);
      List<JsonNode> chunks = sseData(chat.toString());
      assertThat(chunks.get(chunks.size() - 1).asText()).as("chunked by %d", size).isEqualTo("[DONE]");
      JsonText.Deltas said = JsonText.deltas(chunks);
      assertThat(said.content()).isEqualTo("Héllo there.");
      assertThat(said.arguments()).isEqualTo("{\"a\": 1}");
      JsonNode usage = chunks.get(chunks.size() - 2).path("usage");
      assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(12);
      assertThat(usage.path("completion_tokens").asInt()).isEqualTo(9);

      List<JsonNode> back = sseData(new MessagesStreamEncoder().encode(chat).toString());
      List<String> types = back.stream().map(e -> e.path("type").asText()).toList();
      assertThat(types).containsExactly("message_start", "content_block_start", "content_block_delta",
          "content_block_delta", "content_block_stop", "content_block_start", "content_block_delta",
          "content_block_delta", "content_block_stop", "message_delta", "message_stop");
      assertThat(back.get(0).path("message").path("id").asText()).isEqualTo("msg_2");
      assertThat(back.get(5).path("content_block").path("id").asText()).isEqualTo("toolu_3");
      assertThat(back.get(9).path("delta").path("stop_reason").asText()).isEqualTo("tool_use");
      assertThat(back.get(9).path("usage").path("input_tokens").asInt()).isEqualTo(12);
      assertThat(back.get(9).path("usage").path("output_tokens").asInt()).isEqualTo(9);
    }
  }

  @Test
  void aStreamCutBeforeMessageStopNeverEndsWithDone() {
    MessagesStreamDecoder decoder = new MessagesStreamDecoder(false, 1L);
    Buffer chat = decoder.decode(Buffer.buffer(event("message_start",
        "{'type':'message_start','message':{'id':'m','model':'x','usage':{'input_tokens':1}}}")
        + event("content_block_delta", "{'type':'content_block_delta','index':0,'delta':{'type':'text_delta','text':'par'}}")));
    assertThat(chat.toString()).doesNotContain("[DONE]");
    Buffer error = decoder.decode(Buffer.buffer(event("error",
        "{'type':'error','error':{'type':'overloaded_error','message':'Overloaded'}}")));
    assertThat(sseData(error.toString()).get(0).path("error").path("message").asText()).isEqualTo("Overloaded");
  }

  private static String event(String name, String json) {
    return "event: " + name + "\ndata: " + json.replace('\'', '"') + "\n\n";
  }

}
