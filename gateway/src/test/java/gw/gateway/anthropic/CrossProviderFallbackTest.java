package gw.gateway.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import gw.gateway.policy.breaker.UpstreamGuard;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.JsonText;
import gw.gateway.upstream.FallbackModels;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chat completion for an OpenAI model served by the Anthropic provider when the OpenAI side cannot
 * answer: the PERFORMANCE_DEGRADATION breaker's fallback model, or a fallback_models chain, naming a
 * Claude model. The official OpenAI SDK is the client; the trace shows both attempts and the translation.
 */
class CrossProviderFallbackTest {
  @TempDir
  Path dataDir;
  GatewayHarness gw;

  @AfterEach
  void stop() {
    gw.close();
  }

  private static ChatCompletionCreateParams ask(String model) {
    return ChatCompletionCreateParams.builder().model(model)
        .addUserMessage("How many days do I have to ask for a refund?").build();
  }

  @Test
  void whileTheBreakerIsOpenGpt4oIsAnsweredByClaudeInJsonAndInStreams() {
    gw = GatewayHarness.start(dataDir, GatewayHarness.Options.defaults()
        .withConfig("breakers.json", Map.of("/PERFORMANCE_DEGRADATION/fallback_model", "claude-sonnet-4")));
    assertThat(gw.adminPost("/admin/breakers/PERFORMANCE_DEGRADATION", new JsonObject().put("mode", "forced_open")
        .put("reason", "OpenAI outage drill"), GatewayHarness.OPERATOR_TOKEN).statusCode()).isEqualTo(200);

    HttpResponseFor<ChatCompletion> raw = gw.openAiClient().chat().completions().withRawResponse().create(ask("gpt-4o"));
    ChatCompletion completion = raw.parse();
    assertThat(raw.headers().values("x-gateway-action")).containsExactly(UpstreamGuard.FALLBACK_ACTION);
    assertThat(completion.model()).isEqualTo("claude-sonnet-4");
    assertThat(completion.choices().get(0).message().content()).hasValueSatisfying(t -> assertThat(t).isNotBlank());
    assertThat(completion.usage()).hasValueSatisfying(u -> assertThat(u.completionTokens()).isPositive());
    assertThat(lastMockPath()).isEqualTo("/v1/messages");

    JsonNode trace = gw.trace(raw.headers().values("x-gateway-trace-id").get(0));
    List<JsonNode> llm = JsonText.llmSpans(trace);
    assertThat(llm).hasSize(2);
    assertThat(llm.get(0).path("attributes").path("model_requested").asText()).isEqualTo("gpt-4o");
    assertThat(llm.get(0).path("attributes").path("error").asText()).isEqualTo("breaker_open");
    assertThat(llm.get(1).path("attributes").path("model_requested").asText()).isEqualTo("claude-sonnet-4");
    assertThat(llm.get(1).path("attributes").path("provider").asText()).isEqualTo("anthropic");
    assertThat(llm.get(1).path("attributes").path("translated").asText()).isEqualTo("openai->anthropic");
    assertThat(trace.path("model_served").asText()).isEqualTo("claude-sonnet-4");
    assertThat(trace.path("cost_usd").asDouble()).isPositive();

    StringBuilder streamed = new StringBuilder();
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream = gw.openAiClient().chat().completions().createStreaming(
        ask("gpt-4o").toBuilder().streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
      stream.stream().forEach(chunk -> {
        chunks.add(chunk);
        chunk.choices().forEach(c -> c.delta().content().ifPresent(streamed::append));
      });
    }
    assertThat(streamed.toString()).isEqualTo(completion.choices().get(0).message().content().orElseThrow());
    ChatCompletionChunk last = chunks.get(chunks.size() - 1);
    assertThat(last.usage()).hasValueSatisfying(u -> assertThat(u.completionTokens())
        .isEqualTo(completion.usage().orElseThrow().completionTokens()));
    assertThat(chunks.stream().flatMap(c -> c.choices().stream()).filter(c -> c.finishReason().isPresent())
        .map(c -> c.finishReason().get().asString()).toList()).containsExactly("stop");
  }

  @Test
  void aFallbackChainCrossesToClaudeWhenTheOpenAiModelFails() {
    gw = GatewayHarness.start(dataDir, GatewayHarness.Options.defaults()
        .withConfig("forward.json", Map.of("/fallback_models/gpt-4o", List.of("claude-sonnet-4"))));
    gw.setChaos(new JsonObject().put("modes", new JsonObject().put("error_503", new JsonObject().put("rate", 1.0)))
        .put("models", new JsonArray().add("gpt-4o")));

    HttpResponseFor<ChatCompletion> raw = gw.openAiClient().chat().completions().withRawResponse().create(ask("gpt-4o"));
    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(raw.headers().values("x-gateway-action")).containsExactly(FallbackModels.ACTION);
    assertThat(raw.parse().model()).isEqualTo("claude-sonnet-4");

    List<JsonNode> llm = JsonText.llmSpans(gw.trace(raw.headers().values("x-gateway-trace-id").get(0)));
    JsonNode first = llm.get(0).path("attributes");
    JsonNode last = llm.get(llm.size() - 1).path("attributes");
    assertThat(first.path("provider").asText()).isEqualTo("openai");
    assertThat(first.path("http_status").asInt()).isEqualTo(503);
    assertThat(last.path("provider").asText()).isEqualTo("anthropic");
    assertThat(last.path("translated").asText()).isEqualTo("openai->anthropic");
    assertThat(last.path("http_status").asInt()).isEqualTo(200);
  }

  private String lastMockPath() {
    JsonArray all = gw.mockReceived();
    return all.getJsonObject(all.size() - 1).getString("path");
  }

}
