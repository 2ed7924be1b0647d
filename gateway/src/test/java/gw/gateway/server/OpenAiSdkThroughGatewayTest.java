package gw.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.GatewaySystem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official OpenAI Java SDK, with only its base URL and key changed, works through the gateway;
 * tools and response_format reach the provider as the client sent them.
 */
class OpenAiSdkThroughGatewayTest {
  @RegisterExtension static final GatewaySystem system = GatewaySystem.withDefaults();
  static GatewayHarness gw;
  static OpenAIClient client;

  @BeforeAll
  static void start() {
    client = gw.openAiClient();
    // The mock echoes the phone number of the question; with the DATA_INCIDENT breaker held closed it
    // reaches the client as sent, so these tests see the wire format and the trace's own redaction.
    gw.adminPost("/admin/breakers/DATA_INCIDENT", new io.vertx.core.json.JsonObject().put("mode", "forced_closed")
        .put("reason", "wire-format tests"), GatewayHarness.OPERATOR_TOKEN);
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  @Test
  void chatCompletionIsAnsweredAndTracedWithRedactedContent() {
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
        .model("gpt-4o-mini")
        .addSystemMessage("Answer from the context. Cite sources.\n[source: kb/refunds.md] Refunds are accepted "
            + "within 30 days of purchase.")
        .addUserMessage("My email is jane.roe@example.com, how long do I have for a refund?")
        .temperature(0.2)
        .build();
    HttpResponseFor<ChatCompletion> raw = client.chat().completions().withRawResponse().create(params);
    ChatCompletion completion = raw.parse();
    String traceId = raw.headers().values("x-gateway-trace-id").get(0);

    String answer = completion.choices().get(0).message().content().orElseThrow();
    assertThat(answer).isNotBlank();
    assertThat(completion.usage().orElseThrow().totalTokens()).isPositive();

    JsonNode trace = gw.trace(traceId);
    assertThat(trace.path("trace_id").asText()).isEqualTo(traceId);
    assertThat(trace.path("route").asText()).isEqualTo("/v1/chat/completions");
    assertThat(trace.path("tenant").asText()).isEqualTo("acme");
    assertThat(trace.path("customer_tier").asText()).isEqualTo("pro");
    assertThat(trace.path("model_requested").asText()).isEqualTo("gpt-4o-mini");
    assertThat(trace.path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(trace.path("status").asText()).isEqualTo("ok");
    assertThat(trace.path("output_text").asText()).isEqualTo(answer);
    assertThat(trace.path("tokens").path("total_tokens").asInt()).isEqualTo(completion.usage().get().totalTokens());
    assertThat(trace.path("tokens").path("source").asText()).isEqualTo("provider");
    assertThat(trace.path("cost_usd").asDouble()).isPositive();
    assertThat(trace.path("input_text").asText()).contains("[REDACTED:email]").doesNotContain("jane.roe@example.com");
    assertThat(trace.toString()).doesNotContain("jane.roe@example.com").doesNotContain(GatewayHarness.PROVIDER_KEY)
        .doesNotContain(GatewayHarness.KEY);
    assertThat(spanKinds(trace)).containsExactly("request", "llm");
  }

  @Test
  void streamingCompletionWithUsageArrivesWholeAndIsTraced() {
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
        .model("gpt-4o-mini")
        .addUserMessage("Call me at 555-123-4567 about the premium plan")
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
        .build();
    StringBuilder content = new StringBuilder();
    List<Long> usageTotals = new ArrayList<>();
    String traceId;
    HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw =
        client.chat().completions().withRawResponse().createStreaming(params);
    traceId = raw.headers().values("x-gateway-trace-id").get(0);
    try (StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
      stream.stream().forEach(chunk -> {
        chunk.choices().forEach(c -> c.delta().content().ifPresent(content::append));
        chunk.usage().ifPresent(u -> usageTotals.add(u.totalTokens()));
      });
    }
    assertThat(content.toString()).isNotBlank();
    assertThat(usageTotals).hasSize(1);

    JsonNode trace = gw.trace(traceId);
    assertThat(trace.path("stream").asBoolean()).isTrue();
    assertThat(trace.path("status").asText()).isEqualTo("ok");
    // The mock echoes the question, so the trace's copy of the answer has the phone number redacted too.
    assertThat(content.toString()).contains("555-123-4567");
    assertThat(trace.path("output_text").asText())
        .isEqualTo(content.toString().replace("555-123-4567", "[REDACTED:phone]"));
    assertThat(trace.path("tokens").path("total_tokens").asLong()).isEqualTo(usageTotals.get(0));
    assertThat(trace.path("latency").path("ttft_ms").isNumber()).isTrue();
    assertThat(trace.path("input_text").asText()).contains("[REDACTED:phone]").doesNotContain("555-123-4567");
  }

  @Test
  void embeddingIsAnsweredAndTraced() {
    HttpResponseFor<CreateEmbeddingResponse> raw = client.embeddings().withRawResponse().create(
        EmbeddingCreateParams.builder().model("text-embedding-3-small").input("The refund policy").build());
    CreateEmbeddingResponse response = raw.parse();
    assertThat(response.data()).hasSize(1);
    assertThat(response.data().get(0).embedding()).isNotEmpty();

    JsonNode trace = gw.trace(raw.headers().values("x-gateway-trace-id").get(0));
    assertThat(trace.path("route").asText()).isEqualTo("/v1/embeddings");
    assertThat(trace.path("input_text").asText()).isEqualTo("The refund policy");
    assertThat(trace.path("tokens").path("prompt_tokens").asInt()).isPositive();
    assertThat(trace.path("status").asText()).isEqualTo("ok");
  }

  @Test
  void modelListComesFromTheUpstream() {
    assertThat(client.models().list().data()).extracting(m -> m.id()).contains("gpt-4o-mini");
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

  private static List<String> spanKinds(JsonNode trace) {
    List<String> kinds = new ArrayList<>();
    trace.path("spans").forEach(s -> kinds.add(s.path("kind").asText()));
    return kinds;
  }
}
