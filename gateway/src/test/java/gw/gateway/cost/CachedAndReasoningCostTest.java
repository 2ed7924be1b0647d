package gw.gateway.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.GatewaySystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The provider's cached-input and reasoning counts, read by the OpenAI SDK and by the gateway, priced
 * at their own rates: the trace's cost is the hand-computed one, not prompt and completion at list price.
 */
class CachedAndReasoningCostTest {
  @RegisterExtension static final GatewaySystem system = GatewaySystem.withDefaults();
  static GatewayHarness gw;

  private static JsonNode traceOf(HttpResponseFor<ChatCompletion> raw) {
    return gw.trace(raw.headers().values("x-gateway-trace-id").get(0));
  }

  @Test
  void aLongPromptsCachedInputCostsTheCachedPrice() {
    String context = "Refunds are possible within 30 days of purchase for unused items. ".repeat(120);
    HttpResponseFor<ChatCompletion> raw = gw.openAiClient().chat().completions().withRawResponse().create(
        ChatCompletionCreateParams.builder().model("gpt-4o-mini").addSystemMessage(context)
            .addUserMessage("How long do I have for a refund?").build());
    CompletionUsage usage = raw.parse().usage().orElseThrow();
    long prompt = usage.promptTokens();
    long cached = usage.promptTokensDetails().orElseThrow().cachedTokens().orElseThrow();
    assertThat(prompt).isGreaterThan(1024);
    assertThat(cached).isEqualTo(prompt / 128 * 128);

    JsonNode trace = traceOf(raw);
    assertThat(trace.path("tokens").path("cached_tokens").asLong()).isEqualTo(cached);
    // gpt-4o-mini per 1M tokens: input $0.15, cached input $0.075, output $0.60.
    double expected = ((prompt - cached) * 0.15 + cached * 0.075 + usage.completionTokens() * 0.60) / 1e6;
    assertThat(trace.path("cost_usd").asDouble()).isCloseTo(expected, within(1e-12));
    assertThat(trace.path("cost_usd").asDouble()).isLessThan((prompt * 0.15 + usage.completionTokens() * 0.60) / 1e6);
    gw.flushTraces(); // metrics are recorded on the metering thread, as the trace is
    assertThat(gw.metric("gw_tokens_detail_total{kind=\"cache_read\",model=\"gpt-4o-mini\"}")).isGreaterThanOrEqualTo(cached);
  }

  @Test
  void aStreamWhoseClientDidNotAskForUsageIsStillCountedByTheProvider() {
    var params = ChatCompletionCreateParams.builder().model("gpt-4o-mini")
        .addUserMessage("How long do I have for a refund?").build();
    int chunks = 0;
    try (var stream = gw.openAiClient().chat().completions().createStreaming(params)) {
      for (var chunk : (Iterable<com.openai.models.chat.completions.ChatCompletionChunk>) stream.stream()::iterator) {
        chunks++;
        assertThat(chunk.usage()).as("no usage the client did not ask for").isEmpty();
        assertThat(chunk.choices()).as("no usage-only chunk").isNotEmpty();
      }
    }
    assertThat(chunks).isGreaterThan(1);
    var received = gw.mockReceived();
    var sent = received.getJsonObject(received.size() - 1).getJsonObject("body");
    assertThat(sent.getJsonObject("stream_options").getBoolean("include_usage")).as("asked of the provider").isTrue();
    gw.flushTraces();
    JsonNode trace = GatewayHarness.readTree(gw.admin("/admin/traces?limit=1", GatewayHarness.ADMIN_TOKEN)
        .bodyAsString()).path("data").get(0);
    assertThat(trace.path("tokens").path("source").asText()).isEqualTo("provider");
  }

  @Test
  void anthropicCacheWritesAndReadsArePricedAtTheirOwnRates() {
    String context = "Refunds are possible within 30 days of purchase for unused items. ".repeat(120);
    var cached = java.util.List.of(com.anthropic.models.messages.TextBlockParam.builder().text(context)
        .cacheControl(com.anthropic.models.messages.CacheControlEphemeral.builder().build()).build());
    var firstTurn = com.anthropic.models.messages.MessageCreateParams.builder().model("claude-sonnet-4").maxTokens(256)
        .systemOfTextBlockParams(cached).addUserMessage("How long do I have for a refund?").build();
    var laterTurn = firstTurn.toBuilder().addAssistantMessage("30 days.").addUserMessage("And for shipping?").build();
    var anthropic = com.anthropic.client.okhttp.AnthropicOkHttpClient.builder()
        .baseUrl("http://127.0.0.1:" + gw.port()).apiKey(GatewayHarness.KEY).maxRetries(0).build();
    try {
      var written = anthropic.messages().withRawResponse().create(firstTurn);
      var writeUsage = written.parse().usage();
      long write = writeUsage.cacheCreationInputTokens().orElseThrow();
      assertThat(write).isGreaterThanOrEqualTo(1024);
      JsonNode trace = gw.trace(written.headers().values("x-gateway-trace-id").get(0));
      assertThat(trace.path("tokens").path("cache_write_tokens").asLong()).isEqualTo(write);
      assertThat(trace.path("tokens").path("prompt_tokens").asLong()).isEqualTo(writeUsage.inputTokens() + write);
      // claude-sonnet-4 per 1M tokens: input $3.00, cache write $3.75, cache read $0.30, output $15.00.
      assertThat(trace.path("cost_usd").asDouble()).isCloseTo(
          (writeUsage.inputTokens() * 3.00 + write * 3.75 + writeUsage.outputTokens() * 15.00) / 1e6, within(1e-12));

      var read = anthropic.messages().withRawResponse().create(laterTurn);
      var readUsage = read.parse().usage();
      long fromCache = readUsage.cacheReadInputTokens().orElseThrow();
      assertThat(fromCache).isGreaterThanOrEqualTo(1024);
      JsonNode later = gw.trace(read.headers().values("x-gateway-trace-id").get(0));
      assertThat(later.path("tokens").path("cached_tokens").asLong()).isEqualTo(fromCache);
      assertThat(later.path("cost_usd").asDouble()).isCloseTo(
          (readUsage.inputTokens() * 3.00 + fromCache * 0.30 + readUsage.outputTokens() * 15.00) / 1e6, within(1e-12));
    } finally {
      anthropic.close();
    }
    gw.flushTraces();
    assertThat(gw.metric("gw_tokens_detail_total{kind=\"cache_write\",model=\"claude-sonnet-4\"}")).isPositive();
  }

  @Test
  void aReasoningModelsThinkingIsCountedAndPricedAsOutput() {
    HttpResponseFor<ChatCompletion> raw = gw.openAiClient().chat().completions().withRawResponse().create(
        ChatCompletionCreateParams.builder().model("o3-mini").addUserMessage("Is a refund possible after 40 days?")
            .build());
    CompletionUsage usage = raw.parse().usage().orElseThrow();
    long reasoning = usage.completionTokensDetails().orElseThrow().reasoningTokens().orElseThrow();
    assertThat(reasoning).isPositive();

    JsonNode trace = traceOf(raw);
    assertThat(trace.path("tokens").path("reasoning_tokens").asLong()).isEqualTo(reasoning);
    // o3-mini per 1M tokens: input $1.10, output (reasoning included) $4.40.
    double expected = (usage.promptTokens() * 1.10 + usage.completionTokens() * 4.40) / 1e6;
    assertThat(trace.path("cost_usd").asDouble()).isCloseTo(expected, within(1e-12));
  }
}
