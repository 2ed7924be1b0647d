package gw.traces.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gw.traces.TraceRecord;
import gw.traces.json.Json;
import gw.traces.quality.QualityProxies;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names the failure a trace shows, from the trace alone: no model call, no other trace. Stateless
 * and thread-safe.
 */
public final class Diagnoser {
  private static final Pattern TIMEOUT = Pattern.compile("time[ds]?[ -]?out", Pattern.CASE_INSENSITIVE);
  private static final Pattern CITATION = Pattern.compile("\\[[^\\]\\s][^\\]]*\\]");
  private static final ObjectMapper JSON = Json.MAPPER;

  private final DiagnosisRules rules;

  public Diagnoser(DiagnosisRules rules) {
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  public static Diagnoser withDefaults() {
    return new Diagnoser(DiagnosisRules.defaults());
  }

  public DiagnosisRules rules() {
    return rules;
  }

  /** Every rule the trace breaks, most specific cause first; HEALTHY when none. */
  public Diagnosis diagnose(TraceRecord r) {
    Objects.requireNonNull(r, "record");
    List<Finding> findings = new ArrayList<>();
    List<Finding> failedTools = new ArrayList<>();
    toolFindings(r, findings, failedTools);
    if (r.isError()) {
      findings.add(error(r));
    }
    findings.addAll(failedTools);
    addIfPresent(findings, promptVersion(r));
    addIfPresent(findings, retrieval(r));
    addIfPresent(findings, groundedness(r));
    addIfPresent(findings, latency(r));
    return Diagnosis.of(r.traceId(), findings);
  }

  private static void addIfPresent(List<Finding> findings, Finding f) {
    if (f != null) {
      findings.add(f);
    }
  }

  /** Timeouts go to {@code timeouts}; other failed tools, reported as errors, to {@code failed}. */
  private void toolFindings(TraceRecord r, List<Finding> timeouts, List<Finding> failed) {
    if (r.toolCalls() == null) {
      return;
    }
    for (TraceRecord.ToolCall call : r.toolCalls()) {
      if (call.success()) {
        continue;
      }
      String reason = call.error() == null || call.error().isBlank() ? "no error message" : call.error();
      boolean timedOut = TIMEOUT.matcher(reason).find() || call.latencyMs() >= rules.toolTimeoutMs();
      List<String> evidence = new ArrayList<>();
      evidence.add("tool '" + call.toolName() + "' failed: " + reason);
      evidence.add("tool_calls latency_ms " + ms(call.latencyMs()) + " of " + ms(r.latencyMs()) + " ms end to end"
          + (timedOut && call.latencyMs() >= rules.toolTimeoutMs()
              ? " (tool timeout " + ms(rules.toolTimeoutMs()) + " ms)" : ""));
      toolSpan(r, call.toolName()).ifPresent(evidence::add);
      if (timedOut) {
        timeouts.add(new Finding(FailureType.TOOL_TIMEOUT, "Tool '" + call.toolName() + "' timed out after "
            + ms(call.latencyMs()) + " ms; the answer was written without its result", evidence));
      } else {
        failed.add(new Finding(FailureType.ERROR, "Tool '" + call.toolName() + "' failed: " + reason, evidence));
      }
    }
  }

  private static java.util.Optional<String> toolSpan(TraceRecord r, String toolName) {
    if (r.spans() == null) {
      return java.util.Optional.empty();
    }
    return r.spans().stream()
        .filter(s -> TraceRecord.Span.KIND_TOOL.equals(s.kind()) && s.name() != null && s.name().endsWith(toolName))
        .findFirst()
        .map(s -> "span " + s.name() + " status " + s.status() + ", " + ms(s.durationMs()) + " ms");
  }

  private static Finding error(TraceRecord r) {
    String message = r.error() == null ? "no error message" : r.error();
    return new Finding(FailureType.ERROR, "Request failed with HTTP " + r.httpStatus() + ": " + message,
        List.of("status error, http_status " + r.httpStatus(), "error: " + message));
  }

  private Finding promptVersion(TraceRecord r) {
    String expected = r.promptId() == null ? null : rules.expectedPromptVersions().get(r.promptId());
    if (expected == null || expected.equals(r.promptVersion())) {
      return null;
    }
    String served = r.promptVersion() == null ? "none" : r.promptVersion();
    List<String> evidence = new ArrayList<>();
    evidence.add("prompt_version " + served + ", expected " + expected + " for prompt " + r.promptId());
    boolean brokeRules = false;
    if (r.quality() != null && r.quality().failedChecks() != null && !r.quality().failedChecks().isEmpty()) {
      evidence.add("quality failed_checks " + r.quality().failedChecks());
      brokeRules = true;
    }
    if (hasDocs(r) && r.outputText() != null && !r.outputText().isBlank()
        && !CITATION.matcher(r.outputText()).find()) {
      evidence.add("answer cites none of the " + r.retrievedDocs().size() + " retrieved documents");
      brokeRules = true;
    }
    return new Finding(FailureType.WRONG_PROMPT_VERSION, "Served by " + r.promptId() + " " + served
        + " instead of " + expected + (brokeRules ? "; the answer breaks the brand and citation rules" : ""),
        evidence);
  }

  private Finding retrieval(TraceRecord r) {
    String query = r.retrievalQuery();
    if (!hasDocs(r)) {
      if (query == null || query.isBlank()) {
        return null; // not a RAG request
      }
      return new Finding(FailureType.RETRIEVAL_MISMATCH, "Retrieval returned nothing for '" + query + "'",
          List.of("retrieval_query '" + query + "' returned no documents"));
    }
    double top = r.retrievedDocs().stream().mapToDouble(TraceRecord.RetrievedDoc::relevanceScore).max().orElse(0);
    if (top >= rules.minTopRelevance() || declines(r)) {
      return null;
    }
    List<String> evidence = new ArrayList<>();
    evidence.add("top retrieval score " + score(top) + " < " + score(rules.minTopRelevance()));
    StringBuilder docs = new StringBuilder();
    for (TraceRecord.RetrievedDoc d : r.retrievedDocs()) {
      docs.append(docs.length() == 0 ? "" : ", ").append(d.source()).append(' ').append(score(d.relevanceScore()));
    }
    evidence.add("retrieved_docs: " + docs);
    if (query != null && !query.isBlank()) {
      evidence.add("retrieval_query '" + query + "'");
    }
    return new Finding(FailureType.RETRIEVAL_MISMATCH, "Retrieved documents do not match the question (top score "
        + score(top) + "); the answer rests on the wrong context", evidence);
  }

  /**
   * An answer that declines and cites nothing rests on no context: when nothing relevant was found, that
   * is what a healthy RAG system should answer (a question outside the knowledge base), not a mismatch.
   */
  private static boolean declines(TraceRecord r) {
    String answer = r.outputText();
    return answer != null && QualityProxies.isRefusal(answerText(answer)) && !CITATION.matcher(answer).find();
  }

  /** The prose of an answer: a JSON answer's {@code answer} field (what the app shows), else the whole text. */
  private static String answerText(String output) {
    if (!output.stripLeading().startsWith("{")) {
      return output;
    }
    try {
      JsonNode text = JSON.readTree(output).path("answer");
      return text.isTextual() ? text.asText() : output;
    } catch (java.io.IOException notJson) {
      return output;
    }
  }

  /** The quality proxies' number check, with the numbers themselves as evidence. */
  private Finding groundedness(TraceRecord r) {
    if (!hasDocs(r) || r.outputText() == null) {
      return null;
    }
    List<String> documents = r.retrievedDocs().stream().map(TraceRecord.RetrievedDoc::content).toList();
    List<String> numbers = QualityProxies.ungroundedNumbers(r.outputText(), promptText(r), documents);
    if (numbers.size() <= rules.maxUngroundedNumbers()) {
      return null;
    }
    String list = String.join(", ", numbers);
    List<String> evidence = new ArrayList<>();
    evidence.add((numbers.size() == 1 ? "number " : "numbers ") + list + " in the answer appear"
        + (numbers.size() == 1 ? "s" : "") + " in no retrieved document and not in the prompt");
    if (r.quality() != null && r.quality().failedChecks() != null
        && r.quality().failedChecks().contains("ungrounded_numbers")) {
      evidence.add("quality failed_checks " + r.quality().failedChecks());
    }
    return new Finding(FailureType.HALLUCINATION, "Answer states facts found in no retrieved document ("
        + list + ")", evidence);
  }

  /**
   * A JSON answer is slow by its end-to-end latency (the seed's SLA); a stream by its time to first
   * token, which is what its user waits for: a long stream that starts at once is not slow.
   */
  private Finding latency(TraceRecord r) {
    Double ttft = r.latency() == null ? null : r.latency().ttftMs();
    if (r.stream() && ttft != null) {
      return ttft <= rules.slaMs() ? null : new Finding(FailureType.SLOW_RESPONSE, "Time to first token "
          + ms(ttft) + " ms breaches the " + ms(rules.slaMs()) + " ms SLA",
          List.of("ttft_ms " + ms(ttft) + " ms > " + ms(rules.slaMs()) + " ms SLA; latency " + ms(r.latencyMs())
              + " ms end to end"));
    }
    if (r.latencyMs() <= rules.slaMs()) {
      return null;
    }
    List<String> evidence = new ArrayList<>();
    String line = "latency " + ms(r.latencyMs()) + " ms > " + ms(rules.slaMs()) + " ms SLA";
    if (r.latency() != null) {
      line += "; upstream " + ms(r.latency().upstreamMs()) + " ms ("
          + Math.round(100 * r.latency().upstreamMs() / r.latencyMs()) + "%), gateway "
          + ms(r.latency().gatewayMs()) + " ms";
    }
    evidence.add(line);
    TraceRecord.Span slowest = slowestChild(r);
    if (slowest != null) {
      evidence.add("slowest span " + slowest.name() + " " + ms(slowest.durationMs()) + " ms");
    }
    String model = r.modelServed() != null ? r.modelServed() : r.modelRequested();
    if (model != null) {
      evidence.add("model_served " + model + (r.tokens() == null ? ""
          : ", " + ms(r.tokens().completionTokens()) + " completion tokens"));
    }
    String where = r.latency() != null && r.latency().upstreamMs() > r.latencyMs() / 2
        ? "; the upstream" + (model == null ? "" : " " + model) + " call took " + ms(r.latency().upstreamMs()) + " ms"
        : "";
    return new Finding(FailureType.SLOW_RESPONSE, "Latency " + ms(r.latencyMs()) + " ms breaches the "
        + ms(rules.slaMs()) + " ms SLA" + where, evidence);
  }

  private static TraceRecord.Span slowestChild(TraceRecord r) {
    if (r.spans() == null) {
      return null;
    }
    TraceRecord.Span best = null;
    for (TraceRecord.Span s : r.spans()) {
      if (s.parentSpanId() != null && (best == null || s.durationMs() > best.durationMs())) {
        best = s;
      }
    }
    return best;
  }

  private static boolean hasDocs(TraceRecord r) {
    return r.retrievedDocs() != null && !r.retrievedDocs().isEmpty();
  }

  /** The user's input and every message of the forwarded request: numbers taken from it are grounded. */
  static String promptText(TraceRecord r) {
    StringBuilder sb = new StringBuilder();
    if (r.inputText() != null) {
      sb.append(r.inputText()).append('\n');
    }
    JsonNode messages = r.request() == null ? null : r.request().get("messages");
    if (messages != null && messages.isArray()) {
      for (JsonNode m : messages) {
        JsonNode content = m.get("content");
        if (content == null) {
          continue;
        }
        if (content.isTextual()) {
          sb.append(content.asText()).append('\n');
        } else if (content.isArray()) {
          for (JsonNode part : content) {
            if (part.hasNonNull("text")) {
              sb.append(part.get("text").asText()).append('\n');
            }
          }
        }
      }
    }
    return sb.toString();
  }

  static String ms(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  static String score(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
