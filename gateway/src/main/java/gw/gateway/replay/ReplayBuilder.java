package gw.gateway.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.chain.Route;
import gw.gateway.policy.prompt.Prompt;
import gw.gateway.policy.prompt.PromptRegistry;
import gw.traces.TraceRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds the request a trace captured, as the client would send it, with overrides: the stored
 * (forwarded) body, minus the registry prompt's rendered messages, plus a {@code gateway} object
 * with the prompt reference (so the prompt step renders the wanted version, pinned), the retrieval
 * and the tool outcomes the trace recorded. Replays are never streamed, so they compare whole.
 */
final class ReplayBuilder {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String REDACTED = "[REDACTED:";

  private static final java.util.Set<String> COMPLETION_ROUTES = java.util.Set.of(Route.CHAT_COMPLETIONS.path(),
      Route.MESSAGES.path(), Route.RESPONSES.path());

  private ReplayBuilder() {}

  record Built(ObjectNode body, boolean redactedContent, List<String> notes) {}

  static Built build(TraceRecord t, Overrides o, PromptRegistry prompts) {
    if (!COMPLETION_ROUTES.contains(t.route()) || t.request() == null || !t.request().isObject()) {
      throw new IllegalArgumentException("trace " + t.traceId() + " has no captured chat request to replay"
          + (t.request() == null ? " (its content was not stored)" : ""));
    }
    ObjectNode body = ((ObjectNode) t.request()).deepCopy();
    List<String> notes = new ArrayList<>();
    if (!t.route().equals(Route.CHAT_COMPLETIONS.path())) {
      // The trace keeps what the policies saw: the client's request read as a chat completion.
      notes.add("the client called " + t.route() + "; its request is replayed as the chat completion the gateway read it as");
    }
    body.remove("stream");
    body.remove("stream_options");
    ObjectNode gateway = body.putObject("gateway");
    Prompt prompt = t.promptId() == null ? null : prompts.get(t.promptId());
    if (o.promptVersion() != null) {
      checkPromptVersion(t, prompt, o.promptVersion());
    }
    String version = o.promptVersion() != null ? o.promptVersion() : t.promptVersion();
    if (prompt != null && version != null) {
      stripRendered(body, prompt, t.promptVersion(), notes);
      gateway.putObject("prompt").put("id", t.promptId()).put("version", version);
    }
    if (t.retrievedDocs() != null && !t.retrievedDocs().isEmpty()) {
      ObjectNode retrieval = gateway.putObject("retrieval");
      if (t.retrievalQuery() != null) {
        retrieval.put("query", t.retrievalQuery());
      }
      ArrayNode docs = retrieval.putArray("documents");
      t.retrievedDocs().forEach(d -> docs.addObject().put("source", d.source()).put("score", d.relevanceScore())
          .put("content", d.content()));
    }
    if (t.toolCalls() != null && !t.toolCalls().isEmpty()) {
      ArrayNode tools = gateway.putArray("tools");
      t.toolCalls().forEach(c -> {
        ObjectNode tool = tools.addObject().put("name", c.toolName()).put("latency_ms", c.latencyMs())
            .put("success", c.success());
        tool.set("input", c.input());
        tool.set("output", c.output());
        if (c.error() != null) {
          tool.put("error", c.error());
        }
      });
      notes.add("tool calls are the app's: their recorded outcomes are replayed as context, not re-run");
    }
    if (t.tags() != null && !t.tags().isEmpty()) {
      ArrayNode tags = gateway.putArray("tags");
      t.tags().forEach(tags::add);
    }
    if (o.model() != null) {
      body.put("model", o.model());
    } else if (t.modelRequested() != null) {
      body.put("model", t.modelRequested());
    }
    if (o.temperature() != null) {
      body.put("temperature", o.temperature());
    }
    if (o.maxTokens() != null) {
      body.remove("max_completion_tokens");
      body.put("max_tokens", o.maxTokens());
    }
    boolean redacted = body.toString().contains(REDACTED);
    if (redacted) {
      notes.add("the captured request was redacted, so the replay sends the redacted text ([REDACTED:type] placeholders)");
    }
    return new Built(body, redacted, notes);
  }

  /** A prompt version override applies only to a trace served by a registry prompt that has that version. */
  private static void checkPromptVersion(TraceRecord t, Prompt prompt, String version) {
    String param = "overrides.prompt_version";
    String instead = "; replay it with a model or temperature override instead";
    if (t.promptId() == null) {
      throw new Overrides.NotApplicable("override_not_applicable", param, "trace " + t.traceId()
          + " used no registry prompt (its system prompt came from the request), so a prompt_version override"
          + " does not apply" + instead);
    }
    if (prompt == null) {
      throw new Overrides.NotApplicable("override_not_applicable", param, "trace " + t.traceId() + " names prompt '"
          + t.promptId() + "', which is not in the registry (its messages came from the request), so a prompt_version"
          + " override does not apply" + instead);
    }
    if (!prompt.versions().containsKey(version)) {
      throw new Overrides.NotApplicable("unknown_prompt_version", param, "prompt '" + prompt.id()
          + "' has no version '" + version + "'; its versions are " + String.join(", ", prompt.versions().keySet()));
    }
  }

  /** Removes the messages the registry prompt added in front of the client's own. */
  private static void stripRendered(ObjectNode body, Prompt prompt, String servedVersion, List<String> notes) {
    Prompt.Version served = servedVersion == null ? null : prompt.versions().get(servedVersion);
    JsonNode messages = body.path("messages");
    if (served == null || !messages.isArray() || messages.size() <= served.messages().size()) {
      notes.add("the original prompt version is not in the registry: its messages were kept as captured");
      return;
    }
    for (int i = 0; i < served.messages().size(); i++) {
      if (!served.messages().get(i).role().equals(messages.get(i).path("role").asText())) {
        notes.add("the captured messages do not start with prompt version " + servedVersion + ": kept as captured");
        return;
      }
    }
    ArrayNode own = JSON.arrayNode();
    for (int i = served.messages().size(); i < messages.size(); i++) {
      own.add(messages.get(i));
    }
    body.set("messages", own);
  }
}
