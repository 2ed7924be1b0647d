package gw.gateway.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoiceAny;
import com.anthropic.models.messages.ToolUseBlock;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import gw.gateway.testing.GatewayHarness;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tool calls survive translation both ways, whole and streamed, with each provider's official SDK as client. */
class ToolsAcrossProvidersTest {
  private static final String QUESTION = "What is the weather in Paris?";
  @TempDir
  static Path dataDir;
  static GatewayHarness gw;

  @BeforeAll
  static void start() {
    gw = GatewayHarness.start(dataDir);
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  private static ChatCompletionCreateParams weather(String model) {
    FunctionParameters schema = FunctionParameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string")))).build();
    return ChatCompletionCreateParams.builder().model(model).addUserMessage(QUESTION)
        .addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name("get_weather")
            .description("Weather for a city").parameters(schema).build()).build())
        .toolChoice(ChatCompletionToolChoiceOption.Auto.REQUIRED).build();
  }

  private static JsonObject lastSent() {
    JsonArray all = gw.mockReceived();
    return all.getJsonObject(all.size() - 1).getJsonObject("body");
  }

  @Test
  void anOpenAiClientsToolLoopRunsOnClaude() {
    ChatCompletion first = gw.openAiClient().chat().completions().create(weather("claude-sonnet-4"));
    assertThat(first.choices().get(0).finishReason().asString()).isEqualTo("tool_calls");
    ChatCompletionMessageFunctionToolCall call = first.choices().get(0).message().toolCalls().orElseThrow().get(0)
        .asFunction();
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(new JsonObject(call.function().arguments()).getString("city")).isEqualTo(QUESTION);
    assertThat(lastSent().getJsonArray("tools").getJsonObject(0).getJsonObject("input_schema")
        .getJsonObject("properties").containsKey("city")).isTrue();
    assertThat(lastSent().getJsonObject("tool_choice").getString("type")).isEqualTo("any");

    StringBuilder streamedArguments = new StringBuilder();
    try (var stream = gw.openAiClient().chat().completions().createStreaming(weather("claude-sonnet-4"))) {
      stream.stream().flatMap(chunk -> chunk.choices().stream())
          .flatMap(choice -> choice.delta().toolCalls().stream().flatMap(java.util.List::stream))
          .forEach(tc -> tc.function().flatMap(ChatCompletionChunk.Choice.Delta.ToolCall.Function::arguments)
              .ifPresent(streamedArguments::append));
    }
    assertThat(new JsonObject(streamedArguments.toString())).isEqualTo(new JsonObject(call.function().arguments()));

    ChatCompletion answer = gw.openAiClient().chat().completions().create(weather("claude-sonnet-4").toBuilder()
        .addMessage(first.choices().get(0).message())
        .addMessage(com.openai.models.chat.completions.ChatCompletionToolMessageParam.builder()
            .toolCallId(call.id()).content("18 degrees and sunny").build())
        .build());
    assertThat(answer.choices().get(0).finishReason().asString()).isEqualTo("stop");
    JsonArray sent = lastSent().getJsonArray("messages");
    JsonObject toolUse = sent.getJsonObject(1).getJsonArray("content").getJsonObject(0);
    assertThat(toolUse.getString("type")).isEqualTo("tool_use");
    assertThat(toolUse.getString("id")).isEqualTo(call.id());
    JsonObject toolResult = sent.getJsonObject(2).getJsonArray("content").getJsonObject(0);
    assertThat(toolResult.getString("type")).isEqualTo("tool_result");
    assertThat(toolResult.getString("tool_use_id")).isEqualTo(call.id());
    assertThat(toolResult.getString("content")).isEqualTo("18 degrees and sunny");
  }

  @Test
  void anAnthropicClientsToolCallRunsOnAnOpenAiModel() {
    AnthropicClient anthropic = AnthropicOkHttpClient.builder().baseUrl("http://127.0.0.1:" + gw.port())
        .apiKey(GatewayHarness.KEY).maxRetries(0).build();
    try {
      Tool tool = Tool.builder().name("get_weather").description("Weather for a city")
          .inputSchema(Tool.InputSchema.builder().properties(com.anthropic.core.JsonValue.from(
              Map.of("city", Map.of("type", "string")))).build()).build();
      Message message = anthropic.messages().create(MessageCreateParams.builder().model("gpt-4o-mini").maxTokens(256)
          .addTool(tool).toolChoice(ToolChoiceAny.builder().build()).addUserMessage(QUESTION).build());
      assertThat(message.stopReason().orElseThrow().asString()).isEqualTo("tool_use");
      ToolUseBlock use = message.content().get(0).toolUse().orElseThrow();
      assertThat(use.name()).isEqualTo("get_weather");
      assertThat(use._input().toString()).contains(QUESTION);
      assertThat(lastSent().getString("tool_choice")).isEqualTo("required");
      assertThat(lastSent().getJsonArray("tools").getJsonObject(0).getJsonObject("function").getString("name"))
          .isEqualTo("get_weather");
    } finally {
      anthropic.close();
    }
  }
}
