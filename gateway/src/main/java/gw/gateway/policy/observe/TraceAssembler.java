package gw.gateway.policy.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.Metered;
import gw.gateway.chain.RequestContext;
import gw.gateway.chain.Route;
import gw.gateway.cost.Pricing;
import gw.gateway.cost.TokenCounter;
import gw.gateway.openai.MessageText;
import gw.gateway.openai.StreamedAnswer;
import gw.gateway.server.RequestBodies;
import gw.traces.TraceRecord;
import gw.traces.TraceRecord.Latency;
import gw.traces.TraceRecord.RetrievedDoc;
import gw.traces.TraceRecord.Sampling;
import gw.traces.TraceRecord.Span;
import gw.traces.TraceRecord.Tokens;
import gw.traces.TraceRecord.ToolCall;
import gw.traces.quality.QualityInput;
import gw.traces.quality.QualityResult;
import gw.traces.redact.UserIdHasher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds the (not yet redacted) trace record of a finished exchange. Runs on a worker: this is
 * where response bodies and SSE streams are parsed, tokens counted and cost priced, so the
 * request path does none of it.
 */
public final class TraceAssembler {
  /** Status recorded when the client left before any response was sent (nginx's convention). */
  static final int CLIENT_CLOSED_REQUEST = 499;

  private final String environment;
  private final Pricing pricing;
  private final TokenCounter tokenCounter;
  private final UserIdHasher userIds;

  public TraceAssembler(String environment, Pricing pricing, TokenCounter tokenCounter, UserIdHasher userIds) {
    this.environment = environment;
    this.pricing = pricing;
    this.tokenCounter = tokenCounter;
    this.userIds = userIds;
  }

  /** What the client was answered, reduced to what sampling and status need. */
  static boolean failed(Exchange ex) {
    return ex.failure() != null || ex.streamError() != null || ex.status() >= 400 || ex.status() == 0;
  }

  static double totalMs(Exchange ex) {
    return millis(ex.startNanos(), ex.endNanos());
  }

  /** Time spent waiting on the provider: from sending the request to the end of its answer. */
  static long upstreamNanos(Exchange ex) {
    if (ex.upstreamStartNanos() == 0) {
      return 0;
    }
    long end = ex.upstreamEndNanos() != 0 ? ex.upstreamEndNanos() : ex.endNanos();
    return Math.max(0, end - ex.upstreamStartNanos());
  }

  /** The provider's time in ms, or null when no upstream call was made. */
  static Double upstreamMs(Exchange ex) {
    return ex.upstreamStartNanos() == 0 ? null : upstreamNanos(ex) / 1_000_000d;
  }

  /** Time to the first streamed chunk in ms, or null for a non-streamed answer. */
  static Double ttftMs(Exchange ex) {
    return ex.stream() && ex.firstChunkNanos() != 0 ? millis(ex.startNanos(), ex.firstChunkNanos()) : null;
  }

  /** The gateway's own share of the request: everything but the upstream call. */
  static long gatewayNanos(Exchange ex) {
    return Math.max(0, ex.endNanos() - ex.startNanos() - upstreamNanos(ex));
  }

  /**
   * What the exchange consumed and answered: parsed once per request, before sampling, because
   * budgets, limits and breakers need every request's numbers, not just the sampled ones.
   */
  public Measured measure(Exchange ex) {
    Answer answer = answerOf(ex);
    String modelServed = answer.model != null ? answer.model : ex.modelRequested();
    Tokens tokens = tokensOf(ex, answer);
    Double cost = tokens == null ? null
        : pricing.costUsd(modelServed, tokens.promptTokens(), tokens.completionTokens());
    return new Measured(answer, modelServed, tokens, cost);
  }

  /** A measured exchange; {@link #metered} is what settlements see. */
  public record Measured(Answer answer, String modelServed, Tokens tokens, Double cost) {
    public Metered metered(boolean failed, QualityResult quality) {
      return tokens == null ? new Metered(failed, 0, 0, 0, quality)
          : new Metered(failed, tokens.promptTokens(), tokens.completionTokens(), cost == null ? 0 : cost, quality);
    }
  }

  /** What the quality proxies need from a successful chat answer; null when there is none to judge. */
  public static QualityInput qualityInput(Exchange ex, Measured measured) {
    if (ex.route() != Route.CHAT_COMPLETIONS || failed(ex) || ex.body() == null || ex.localAnswer() != null) {
      return null; // a breaker's fallback is the gateway's text, not a model answer to judge
    }
    Answer a = measured.answer();
    StringBuilder prompt = new StringBuilder();
    for (JsonNode m : ex.body().path("messages")) {
      prompt.append(MessageText.of(m.get("content"))).append('\n');
    }
    List<String> documents = new ArrayList<>();
    if (ex.context().retrieval() != null) {
      ex.context().retrieval().path("documents").forEach(d -> documents.add(d.path("content").asText("")));
    }
    String format = ex.body().path("response_format").path("type").asText("");
    List<String> facts = new ArrayList<>();
    if (ex.context().expectedFacts() != null) {
      ex.context().expectedFacts().forEach(f -> facts.add(f.asText()));
    }
    return new QualityInput(a.content(), a.toolCalls() != null && !a.toolCalls().isEmpty(),
        a.finishReason(), prompt.toString(), documents, format.startsWith("json"), facts);
  }

  public TraceRecord assemble(Exchange ex, Sampling sampling, Measured measured, QualityResult quality) {
    ObjectNode body = ex.body();
    RequestContext ctx = ex.context();
    Answer answer = measured.answer();
    String modelServed = measured.modelServed();
    Tokens tokens = measured.tokens();
    Double cost = measured.cost();

    double total = totalMs(ex);
    double upstream = upstreamNanos(ex) / 1_000_000d;
    Double ttft = ttftMs(ex);
    String error = errorOf(ex, answer);
    int httpStatus = ex.status() == 0 ? CLIENT_CLOSED_REQUEST : ex.status();
    String status = error == null ? TraceRecord.STATUS_OK : TraceRecord.STATUS_ERROR;

    JsonNode prompt = ctx.prompt();
    JsonNode retrieval = ctx.retrieval();
    boolean withheld = ex.contentWithheld();
    List<RetrievedDoc> docs = docsOf(retrieval, withheld);
    List<ToolCall> tools = toolsOf(ctx.tools(), withheld);
    List<Span> spans = spansOf(ex, total, ttft, status, modelServed, retrieval, tools);

    return new TraceRecord(
        ex.traceId(), ctx.requestId(), ctx.sessionId(), ctx.conversationId(), ctx.traceparent(),
        ex.startedAt().toString(), environment, ex.identity().tier(), ex.identity().tenant(), ex.identity().team(),
        ctx.feature(), ex.route().path(),
        ex.promptServedId() != null ? ex.promptServedId() : text(prompt, "id"),
        ex.promptServedVersion() != null ? ex.promptServedVersion() : text(prompt, "version"),
        ex.modelRequested(), modelServed,
        body != null && body.path("temperature").isNumber() ? body.get("temperature").asDouble() : null,
        ex.stream(),
        withheld ? null : inputTextOf(ex.route(), body), withheld ? null : answer.text(),
        withheld ? null : body,
        withheld ? null : text(retrieval, "query"), docs, tools,
        tokens, cost,
        total, new Latency(gatewayNanos(ex) / 1_000_000d, upstream, ttft),
        status, httpStatus, error,
        quality == null ? null : new TraceRecord.Quality(quality.passed(), quality.score(), quality.failed()),
        List.copyOf(ex.actions()),
        ex.observedActions().isEmpty() ? null : List.copyOf(ex.observedActions()),
        sampling,
        userIds.hash(ctx.userId()),
        ex.replayOf(),
        tagsOf(ctx.tags()),
        spans);
  }

  record Answer(String content, String toolCalls, String model, JsonNode usage, boolean complete,
      String upstreamError, String finishReason) {

    String text() {
      if (content != null && !content.isEmpty()) {
        return content;
      }
      return toolCalls == null || toolCalls.isEmpty() ? content : toolCalls;
    }
  }

  private Answer answerOf(Exchange ex) {
    if (ex.stream() && !ex.streamChunks().isEmpty()) {
      StreamedAnswer s = StreamedAnswer.parse(ex.streamChunks(), RequestBodies.JSON);
      return new Answer(s.content(), s.toolCalls(), s.model(), s.usage(), s.done(), null, s.finishReason());
    }
    JsonNode json = ex.responseJson();
    if (json == null) {
      return new Answer(null, null, null, null, true, upstreamErrorMessage(ex), null);
    }
    JsonNode message = json.path("choices").path(0).path("message");
    String content = message.hasNonNull("content") ? message.get("content").asText() : null;
    String toolCalls = message.has("tool_calls") ? message.get("tool_calls").toString() : null;
    return new Answer(content, toolCalls, text(json, "model"), json.get("usage"), true, null,
        text(json.path("choices").path(0), "finish_reason"));
  }

  private static String upstreamErrorMessage(Exchange ex) {
    if (ex.responseBody() == null || ex.status() < 400) {
      return null;
    }
    try {
      JsonNode err = RequestBodies.JSON.readTree(ex.responseBody().getBytes()).path("error");
      return err.path("message").asText(null);
    } catch (IOException e) {
      return null;
    }
  }

  private Tokens tokensOf(Exchange ex, Answer answer) {
    JsonNode usage = answer.usage;
    if (usage != null && usage.has("prompt_tokens")) {
      int prompt = usage.path("prompt_tokens").asInt();
      int completion = usage.path("completion_tokens").asInt(0);
      return new Tokens(prompt, completion, prompt + completion, Tokens.FROM_PROVIDER);
    }
    boolean answered = ex.responseJson() != null || !ex.streamChunks().isEmpty();
    if (!answered || ex.body() == null) {
      return null;
    }
    String model = ex.modelRequested();
    int prompt = ex.route() == Route.CHAT_COMPLETIONS
        ? tokenCounter.countMessages(model, ex.body().get("messages"))
        : tokenCounter.count(model, inputTextOf(ex.route(), ex.body()));
    int completion = tokenCounter.count(model, answer.content) + tokenCounter.count(model, answer.toolCalls);
    return new Tokens(prompt, completion, prompt + completion, Tokens.FROM_TOKENIZER);
  }

  private static String errorOf(Exchange ex, Answer answer) {
    if (ex.failure() != null) {
      return ex.failure().code() + ": " + ex.failure().getMessage();
    }
    if (ex.streamError() != null) {
      return ex.streamError();
    }
    if (ex.status() >= 400) {
      return "upstream_http_" + ex.status() + (answer.upstreamError == null ? "" : ": " + answer.upstreamError);
    }
    if (!answer.complete) {
      return "upstream_stream_incomplete: the stream ended without [DONE]";
    }
    return null;
  }

  private static String inputTextOf(Route route, ObjectNode body) {
    if (body == null) {
      return null;
    }
    if (route == Route.CHAT_COMPLETIONS) {
      JsonNode messages = body.get("messages");
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

  private static List<RetrievedDoc> docsOf(JsonNode retrieval, boolean withheld) {
    List<RetrievedDoc> docs = new ArrayList<>();
    if (retrieval != null) {
      for (JsonNode d : retrieval.path("documents")) {
        docs.add(new RetrievedDoc(text(d, "source"), d.path("score").asDouble(0), withheld ? null : text(d, "content")));
      }
    }
    return docs;
  }

  private static List<ToolCall> toolsOf(JsonNode tools, boolean withheld) {
    List<ToolCall> calls = new ArrayList<>();
    if (tools != null) {
      for (JsonNode t : tools) {
        calls.add(new ToolCall(t.get("name").asText(), withheld ? null : t.get("input"), withheld ? null : t.get("output"),
            t.path("latency_ms").asDouble(0), RequestContext.toolSucceeded(t), text(t, "error")));
      }
    }
    return calls;
  }

  private static List<String> tagsOf(JsonNode tags) {
    List<String> out = new ArrayList<>();
    if (tags != null) {
      tags.forEach(t -> out.add(t.asText()));
    }
    return out;
  }

  private static List<Span> spansOf(Exchange ex, double total, Double ttft, String status,
      String modelServed, JsonNode retrieval, List<ToolCall> tools) {
    List<Span> spans = new ArrayList<>();
    String root = spanId();
    spans.add(new Span(root, null, "gateway " + ex.route().path(), Span.KIND_REQUEST, 0, total, status,
        Map.of("tenant", ex.identity().tenant(), "stream", ex.stream())));
    if (retrieval != null) {
      spans.add(new Span(spanId(), root, "retrieval", Span.KIND_RETRIEVAL, 0, retrieval.path("latency_ms").asDouble(0),
          "ok", Map.of("documents", retrieval.path("documents").size(), "reported_by", "client")));
    }
    List<Exchange.Attempt> attempts = ex.attempts();
    for (int i = 0; i < attempts.size(); i++) {
      Exchange.Attempt a = attempts.get(i);
      boolean last = i == attempts.size() - 1;
      long end = a.endNanos() != 0 ? a.endNanos() : ex.upstreamEndNanos() != 0 ? ex.upstreamEndNanos() : ex.endNanos();
      int attemptStatus = ex.statusOf(a);
      Map<String, Object> attrs = new LinkedHashMap<>();
      attrs.put("attempt", a.number());
      attrs.put("model_requested", a.model() != null ? a.model() : ex.modelRequested());
      if (last) {
        attrs.put("model_served", modelServed);
      }
      attrs.put("http_status", attemptStatus);
      if (a.error() != null) {
        attrs.put("error", a.error());
      }
      if (last && ttft != null) {
        attrs.put("ttft_ms", ttft);
      }
      boolean ok = a.error() == null && attemptStatus > 0 && attemptStatus < 400
          && (!last || (ex.failure() == null && ex.streamError() == null));
      spans.add(new Span(spanId(), root, "llm " + ex.route().upstreamPath(), Span.KIND_LLM,
          millis(ex.startNanos(), a.startNanos()), millis(a.startNanos(), end), ok ? "ok" : "error", attrs));
    }
    for (ToolCall t : tools) {
      spans.add(new Span(spanId(), root, "tool " + t.toolName(), Span.KIND_TOOL, 0, t.latencyMs(),
          t.success() ? "ok" : "error", Map.of("reported_by", "client")));
    }
    return spans;
  }

  private static String spanId() {
    String hex = Long.toHexString(ThreadLocalRandom.current().nextLong());
    return hex.length() == 16 ? hex : "0".repeat(16 - hex.length()) + hex;
  }

  private static String text(JsonNode node, String field) {
    return node == null || !node.hasNonNull(field) ? null : node.get(field).asText();
  }

  private static double millis(long fromNanos, long toNanos) {
    if (fromNanos == 0 || toNanos == 0 || toNanos < fromNanos) {
      return 0;
    }
    return (toNanos - fromNanos) / 1_000_000d;
  }
}
