package gw.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import gw.gateway.testing.GatewayHarness;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tools and response_format reach the provider as the client sent them, and their answers come back. */
class ToolsAndFormatsPassThroughTest {
  @TempDir static Path dataDir;
  static GatewayHarness gw;
  static OpenAIClient client;

  @BeforeAll
  static void start() {
    gw = GatewayHarness.start(dataDir);
    client = gw.openAiClient();
  }

  @AfterAll
  static void stop() {
    client.close();
    gw.close();
  }

  @Test
  void toolCallsRoundTrip() {
    ChatCompletionFunctionTool tool = ChatCompletionFunctionTool.builder()
        .function(FunctionDefinition.builder()
            .name("lookup_order_status")
            .description("Look up an order")
            .parameters(FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(Map.of("order_id", Map.of("type", "string"))))
                .build())
            .build())
        .build();
    ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("gpt-4o-mini")
        .addUserMessage("What is the status of my order 12345?")
        .addTool(tool)
        .build());

    assertThat(completion.choices().get(0).message().toolCalls().orElseThrow()).isNotEmpty();
    JsonObject forwarded = lastForwardedBody();
    JsonArray tools = forwarded.getJsonArray("tools");
    assertThat(tools.getJsonObject(0).getJsonObject("function").getString("name")).isEqualTo("lookup_order_status");
    assertThat(tools.getJsonObject(0).getJsonObject("function").getJsonObject("parameters")
        .getJsonObject("properties").containsKey("order_id")).isTrue();
  }

  @Test
  void jsonResponseFormatIsForwardedAndHonoured() {
    ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("gpt-4o-mini")
        .addSystemMessage("Answer in JSON.\n[source: kb/refunds.md] Refunds are accepted within 30 days.")
        .addUserMessage("How long is the refund window?")
        .responseFormat(ResponseFormatJsonObject.builder().build())
        .build());
    String content = completion.choices().get(0).message().content().orElseThrow();
    JsonNode parsed = GatewayHarness.readTree(content);
    assertThat(parsed.isObject()).isTrue();
    assertThat(lastForwardedBody().getJsonObject("response_format").getString("type")).isEqualTo("json_object");
  }

  private static JsonObject lastForwardedBody() {
    JsonArray all = gw.mockReceived();
    return all.getJsonObject(all.size() - 1).getJsonObject("body");
  }
}
