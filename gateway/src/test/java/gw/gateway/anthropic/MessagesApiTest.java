package gw.gateway.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.JsonText;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Anthropic's Messages API through the gateway, driven by Anthropic's official Java SDK against the
 * mock: to the Anthropic provider as sent, and translated both ways between Messages and chat.
 */
class MessagesApiTest {
  private static final String EMAIL = "jane.doe@example.com";
  private static final String QUESTION = "How many days do I have to ask for a refund? Write to me at " + EMAIL;

  @TempDir
  static Path dataDir;
  static GatewayHarness gw;
  static AnthropicClient anthropic;

  @BeforeAll
  static void start() {
    gw = GatewayHarness.start(dataDir);
    anthropic = AnthropicOkHttpClient.builder().baseUrl("http://127.0.0.1:" + gw.port())
        .apiKey(GatewayHarness.KEY).maxRetries(0).build();
  }

  @AfterAll
  static void stop() {
    anthropic.close();
    gw.close();
  }

  private static MessageCreateParams ask(String model) {
    return MessageCreateParams.builder().model(model).maxTokens(512).system("You are a support assistant.")
        .addUserMessage(QUESTION).build();
  }

  private static JsonObject lastMockRequest() {
    JsonArray all = gw.mockReceived();
    return all.getJsonObject(all.size() - 1);
  }

  @Test
  void theSdkGetsAMessageWithUsageAndTheTraceIsRedactedAndPriced() {
    HttpResponseFor<Message> raw = anthropic.messages().withRawResponse().create(ask("claude-sonnet-4"));
    Message message = raw.parse();
    String text = message.content().get(0).text().orElseThrow().text();
    assertThat(text).isNotBlank();
    assertThat(message.usage().inputTokens()).isPositive();
    assertThat(message.usage().outputTokens()).isPositive();
    assertThat(message.stopReason()).hasValueSatisfying(r -> assertThat(r.asString()).isEqualTo("end_turn"));

    JsonObject sent = lastMockRequest();
    assertThat(sent.getString("path")).isEqualTo("/v1/messages");
    assertThat(sent.getJsonObject("headers").getString("x-api-key")).isEqualTo(GatewayHarness.ANTHROPIC_KEY);
    assertThat(sent.getJsonObject("headers").getString("anthropic-version")).isNotBlank();
    assertThat(sent.getJsonObject("headers").getString("authorization")).isNull();

    JsonNode trace = gw.trace(raw.headers().values("x-gateway-trace-id").get(0));
    assertThat(trace.path("route").asText()).isEqualTo("/v1/messages");
    assertThat(trace.path("model_served").asText()).isEqualTo("claude-sonnet-4");
    assertThat(text).contains(EMAIL); // the mock echoes the question
    assertThat(trace.path("output_text").asText()).isEqualTo(text.replace(EMAIL, "[REDACTED:email]"));
    assertThat(trace.path("tokens").path("prompt_tokens").asLong()).isEqualTo(message.usage().inputTokens());
    assertThat(trace.path("tokens").path("source").asText()).isEqualTo("provider");
    assertThat(trace.path("cost_usd").asDouble()).isPositive();
    assertThat(trace.toString()).doesNotContain(EMAIL);
    JsonNode llm = JsonText.llmSpans(trace).get(0);
    assertThat(llm.path("attributes").path("provider").asText()).isEqualTo("anthropic");
    assertThat(llm.path("attributes").has("translated")).isFalse();
  }

  @Test
  void aMessagesTraceReplaysWithOverrides() {
    HttpResponseFor<Message> raw = anthropic.messages().withRawResponse().create(ask("claude-sonnet-4"));
    String traceId = raw.headers().values("x-gateway-trace-id").get(0);
    gw.flushTraces();
    HttpResponse<Buffer> replayed = gw.adminPost("/admin/replay", new JsonObject().put("trace_id", traceId)
        .put("overrides", new JsonObject().put("model", "gpt-4o-mini")), GatewayHarness.OPERATOR_TOKEN);
    assertThat(replayed.statusCode()).as(replayed.bodyAsString()).isEqualTo(200);
    JsonNode comparison = GatewayHarness.readTree(replayed.bodyAsString());
    assertThat(comparison.path("notes").toString()).contains("/v1/messages");
    JsonNode replay = gw.trace(comparison.path("replay").path("trace_id").asText());
    assertThat(replay.path("replay_of").asText()).isEqualTo(traceId);
    assertThat(replay.path("model_served").asText()).isEqualTo("gpt-4o-mini");
  }

  @Test
  void theSdkStreamsTheSameAnswerWithItsUsage() {
    Message whole = anthropic.messages().create(ask("claude-sonnet-4"));
    MessageAccumulator accumulated = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(ask("claude-sonnet-4"))) {
      stream.stream().forEach(accumulated::accumulate);
    }
    Message streamed = accumulated.message();
    assertThat(streamed.content().get(0).text().orElseThrow().text())
        .isEqualTo(whole.content().get(0).text().orElseThrow().text());
    assertThat(streamed.usage().outputTokens()).isEqualTo(whole.usage().outputTokens());
    assertThat(streamed.usage().inputTokens()).isEqualTo(whole.usage().inputTokens());
  }

  @Test
  void aMessagesClientCanBeServedByAnOpenAiProvider() {
    Message message = anthropic.messages().create(ask("gpt-4o-mini"));
    assertThat(lastMockRequest().getString("path")).isEqualTo("/v1/chat/completions");
    JsonObject sent = lastMockRequest().getJsonObject("body");
    assertThat(sent.getJsonArray("messages").getJsonObject(0).getString("role")).isEqualTo("system");
    assertThat(sent.getInteger("max_tokens")).isEqualTo(512);
    assertThat(message.content().get(0).text().orElseThrow().text()).isNotBlank();
    assertThat(message.usage().outputTokens()).isPositive();

    MessageAccumulator accumulated = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(ask("gpt-4o-mini"))) {
      stream.stream().forEach(accumulated::accumulate);
    }
    assertThat(accumulated.message().content().get(0).text().orElseThrow().text())
        .isEqualTo(message.content().get(0).text().orElseThrow().text());
    assertThat(accumulated.message().usage().outputTokens()).isEqualTo(message.usage().outputTokens());
  }

  @Test
  void aChatClientCanBeServedByAnAnthropicProvider() {
    HttpResponse<Buffer> r = gw.post("/v1/chat/completions", GatewayHarness.chat("claude-sonnet-4", QUESTION));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject completion = r.bodyAsJsonObject();
    assertThat(completion.getString("object")).isEqualTo("chat.completion");
    assertThat(completion.getJsonArray("choices").getJsonObject(0).getString("finish_reason")).isEqualTo("stop");
    assertThat(completion.getJsonObject("usage").getInteger("completion_tokens")).isPositive();
    JsonObject sent = lastMockRequest();
    assertThat(sent.getString("path")).isEqualTo("/v1/messages");
    assertThat(sent.getJsonObject("body").getInteger("max_tokens")).isEqualTo(ChatToMessages.DEFAULT_MAX_TOKENS);

    JsonNode trace = gw.trace(r.getHeader("x-gateway-trace-id"));
    JsonNode llm = JsonText.llmSpans(trace).get(0);
    assertThat(llm.path("name").asText()).isEqualTo("llm /messages");
    assertThat(llm.path("attributes").path("translated").asText()).isEqualTo("openai->anthropic");
  }

  @Test
  void errorsComeInAnthropicsShapeAndTheSdkRaisesThem() {
    AnthropicClient stranger = AnthropicOkHttpClient.builder().baseUrl("http://127.0.0.1:" + gw.port())
        .apiKey("not-a-gateway-key").maxRetries(0).build();
    try {
      assertThatThrownBy(() -> stranger.messages().create(ask("claude-sonnet-4")))
          .isInstanceOf(UnauthorizedException.class);
    } finally {
      stranger.close();
    }
    HttpResponse<Buffer> noMax = gw.post("/v1/messages", new JsonObject().put("model", "claude-sonnet-4")
        .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "hi"))));
    assertThat(noMax.statusCode()).isEqualTo(400);
    assertThat(noMax.bodyAsJsonObject().getString("type")).isEqualTo("error");
    assertThat(noMax.bodyAsJsonObject().getJsonObject("error").getString("type")).isEqualTo("invalid_request_error");
    assertThat(noMax.bodyAsJsonObject().getJsonObject("error").getString("message")).contains("max_tokens");
  }

  @Test
  void whatTheChatFormCannotCarryGoesOnlyAsSentOrIsRefused() {
    JsonObject thinking = new JsonObject().put("model", "claude-sonnet-4").put("max_tokens", 256)
        .put("thinking", new JsonObject().put("type", "enabled").put("budget_tokens", 128))
        .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "Hello")));
    HttpResponse<Buffer> same = gw.post("/v1/messages", thinking);
    assertThat(same.statusCode()).isEqualTo(200);
    assertThat(lastMockRequest().getJsonObject("body").getJsonObject("thinking").getInteger("budget_tokens"))
        .isEqualTo(128);

    HttpResponse<Buffer> other = gw.post("/v1/messages", thinking.copy().put("model", "gpt-4o-mini"));
    assertThat(other.statusCode()).isEqualTo(400);
    assertThat(other.bodyAsJsonObject().getJsonObject("error").getString("message"))
        .contains("untranslatable_field").contains("thinking");

    assertThatThrownBy(() -> gw.openAiClient().chat().completions().create(
        com.openai.models.chat.completions.ChatCompletionCreateParams.builder().model("claude-sonnet-4")
            .addUserMessage("Hello").n(2).build()))
        .isInstanceOf(com.openai.errors.BadRequestException.class)
        .hasMessageContaining("n 2 has no Anthropic counterpart");
  }

}
