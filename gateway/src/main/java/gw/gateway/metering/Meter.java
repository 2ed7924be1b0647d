package gw.gateway.metering;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.Route;
import gw.gateway.cost.Pricing;
import gw.gateway.cost.TokenCounter;
import gw.gateway.openai.MessageText;
import gw.traces.TraceRecord.Tokens;
import gw.traces.quality.QualityInput;
import gw.traces.quality.QualityProxies;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures a finished exchange once: parses its answer, counts tokens (the provider's usage, else
 * the tokenizer), prices them and runs the quality proxies on a chat answer. Runs on the metering
 * thread, so the request path does none of it.
 */
public final class Meter {
  private final Pricing pricing;
  private final TokenCounter tokenCounter;
  private final QualityProxies qualityProxies;

  public Meter(Pricing pricing, TokenCounter tokenCounter, QualityProxies qualityProxies) {
    this.pricing = pricing;
    this.tokenCounter = tokenCounter;
    this.qualityProxies = qualityProxies;
  }

  /** True when the client got no successful, complete answer. */
  public static boolean failed(Exchange ex) {
    return ex.failure() != null || ex.streamError() != null || ex.status() >= 400 || ex.status() == 0;
  }

  public Measurement measure(Exchange ex) {
    Answer answer = Answer.of(ex);
    String modelServed = answer.model() != null ? answer.model() : ex.modelRequested();
    Tokens tokens = tokensOf(ex, answer);
    Double cost = tokens == null ? null
        : pricing.costUsd(providerOf(ex), modelServed, tokens.promptTokens(), tokens.completionTokens(),
            tokens.cachedTokens() == null ? 0 : tokens.cachedTokens(),
            tokens.reasoningTokens() == null ? 0 : tokens.reasoningTokens(),
            tokens.cacheWriteTokens() == null ? 0 : tokens.cacheWriteTokens());
    boolean failed = failed(ex);
    QualityInput input = failed ? null : qualityInput(ex, answer);
    return new Measurement(answer, modelServed, tokens, cost, input == null ? null : qualityProxies.evaluate(input),
        failed, Timings.of(ex));
  }

  /** The provider that gave the answer (the last try's), or null when none was called. */
  private static String providerOf(Exchange ex) {
    return ex.attempts().isEmpty() ? null : ex.attempts().get(ex.attempts().size() - 1).provider();
  }

  /** The text the caller asked about: the last user message, or the embeddings input. */
  public static String inputTextOf(Route route, ObjectNode body) {
    if (body == null) {
      return null;
    }
    if (route.isCompletion()) {
      JsonNode messages = body.get("messages");
      if (messages.isEmpty()) {
        return ""; // an Anthropic request of blocks no chat message carries (documents, say)
      }
      for (int i = messages.size() - 1; i >= 0; i--) {
        if ("user".equals(messages.get(i).path("role").asText())) {
          return MessageText.of(messages.get(i).get("content"));
        }
      }
      return MessageText.of(messages.get(messages.size() - 1).get("content"));
    }
    JsonNode input = body.get("input");
    if (input.isArray()) {
      List<String> parts = new ArrayList<>();
      input.forEach(i -> parts.add(i.isTextual() ? i.asText() : i.toString()));
      return String.join("\n", parts);
    }
    return input.isTextual() ? input.asText() : input.toString();
  }

  /** A count inside OpenAI's usage details, or null when the provider did not report it. */
  private static Integer detail(JsonNode usage, String details, String field) {
    JsonNode n = usage.path(details).path(field);
    return n.isIntegralNumber() ? n.asInt() : null;
  }

  private Tokens tokensOf(Exchange ex, Answer answer) {
    JsonNode usage = answer.usage();
    if (usage != null && usage.has("prompt_tokens")) {
      int prompt = usage.path("prompt_tokens").asInt();
      int completion = usage.path("completion_tokens").asInt(0);
      return new Tokens(prompt, completion, prompt + completion, Tokens.FROM_PROVIDER,
          detail(usage, "prompt_tokens_details", "cached_tokens"),
          detail(usage, "completion_tokens_details", "reasoning_tokens"),
          detail(usage, "prompt_tokens_details", "cache_write_tokens"));
    }
    boolean answered = ex.responseJson() != null || !ex.streamChunks().isEmpty();
    if (!answered || ex.body() == null) {
      return null;
    }
    String model = ex.modelRequested();
    int prompt = ex.route().isCompletion()
        ? tokenCounter.countMessages(model, ex.body().get("messages"))
        : tokenCounter.count(model, inputTextOf(ex.route(), ex.body()));
    int completion = tokenCounter.count(model, answer.content()) + tokenCounter.count(model, answer.toolCalls());
    return new Tokens(prompt, completion, prompt + completion, Tokens.FROM_TOKENIZER);
  }

  /** What the quality proxies need from a successful chat answer; null when there is none to judge. */
  private static QualityInput qualityInput(Exchange ex, Answer answer) {
    if (!ex.route().isCompletion() || ex.body() == null || ex.localAnswer() != null) {
      return null; // a breaker's fallback is the gateway's text, not a model answer to judge
    }
    StringBuilder prompt = new StringBuilder();
    for (JsonNode m : ex.body().path("messages")) {
      prompt.append(MessageText.of(m.get("content"))).append('\n');
    }
    List<String> documents = new ArrayList<>();
    if (ex.context().retrieval() != null) {
      ex.context().retrieval().documents().forEach(d -> documents.add(d.text()));
    }
    String format = ex.body().path("response_format").path("type").asText("");
    return new QualityInput(answer.content(), answer.calledTools(), answer.finishReason(), prompt.toString(),
        documents, format.startsWith("json"), ex.context().expectedFacts());
  }
}
