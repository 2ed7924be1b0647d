package gw.gateway.policy.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayExtension;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.chain.Policy;
import gw.gateway.openai.MessageText;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a registry prompt named by {@code gateway.prompt.id}: picks the version (pinned, rollback,
 * canary or active), fills its {@code {{variables}}} and puts its messages before the client's.
 * {@code context} defaults to the retrieved documents ("[source: NAME] content" lines) and
 * {@code question} to the last user message. A prompt id the registry does not know is only
 * recorded in the trace, as before, so apps that manage their own prompts can still tag versions.
 */
public final class PromptPolicy implements Policy {
  public static final String ROLLBACK_ACTION = "quality_degradation/rollback_prompt";
  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

  private final PromptRegistry registry;

  public PromptPolicy(PromptRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Future<Void> onRequest(Exchange exchange) {
    GatewayExtension.PromptRef ref = exchange.context().prompt();
    if (!exchange.route().isCompletion() || ref == null || ref.id() == null) {
      return DONE;
    }
    Prompt prompt = registry.get(ref.id());
    if (prompt == null) {
      return DONE;
    }
    PromptRegistry.Selection selection;
    try {
      selection = PromptRegistry.select(prompt, ref.version(), exchange.knownGoodRequested(),
          bucket(exchange, prompt.id()));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(GatewayFailure.invalidRequest("unknown_prompt_version", "gateway.prompt.version",
          e.getMessage()));
    }
    ArrayNode rendered;
    try {
      rendered = render(prompt.versions().get(selection.version()), variables(exchange, ref));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(GatewayFailure.invalidRequest("prompt_variable_missing", "gateway.prompt.variables",
          "prompt '" + prompt.id() + "' version " + selection.version() + ": " + e.getMessage()));
    }
    ObjectNode body = exchange.body();
    JsonNode own = body.path("messages");
    own.forEach(rendered::add);
    body.set("messages", rendered);
    exchange.markBodyModified();
    exchange.promptServed(prompt.id(), selection.version());
    if (rollsBack(selection, prompt)) {
      exchange.addAction(ROLLBACK_ACTION);
    } else if (exchange.knownGoodObserved() && rollsBack(PromptRegistry.select(prompt, ref.version(), true,
        bucket(exchange, prompt.id())), prompt)) {
      exchange.addObservedAction(ROLLBACK_ACTION);
    }
    return DONE;
  }

  /** Serving the known-good version instead of the active one. */
  private static boolean rollsBack(PromptRegistry.Selection selection, Prompt prompt) {
    return selection.reason() == PromptRegistry.Reason.KNOWN_GOOD && !selection.version().equals(prompt.active());
  }

  /** 0..9999, the same for every request of a session (or random without one), per prompt. */
  static int bucket(Exchange exchange, String promptId) {
    String key = exchange.context().sessionId() != null ? exchange.context().sessionId() : exchange.traceId();
    return bucket(key + "/" + promptId);
  }

  /** Spreads String.hashCode (weak in its low digits for similar keys) before taking 0..9999. */
  static int bucket(String key) {
    int h = key.hashCode() * 0x9E3779B1;
    return Math.floorMod(h ^ (h >>> 16), 10_000);
  }

  private static Map<String, String> variables(Exchange exchange, GatewayExtension.PromptRef ref) {
    Map<String, String> vars = new HashMap<>();
    GatewayExtension.Retrieval retrieval = exchange.context().retrieval();
    if (retrieval != null) {
      StringBuilder context = new StringBuilder();
      for (GatewayExtension.Document d : retrieval.documents()) {
        context.append("[source: ").append(d.source() == null ? "document" : d.source()).append("] ")
            .append(d.text()).append('\n');
      }
      vars.put("context", context.toString().strip());
    }
    JsonNode messages = exchange.body().path("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("user".equals(messages.get(i).path("role").asText())) {
        vars.put("question", MessageText.of(messages.get(i).get("content")));
        break;
      }
    }
    ref.variables().forEach((name, value) -> vars.put(name, value.isTextual() ? value.asText() : value.toString()));
    return vars;
  }

  static ArrayNode render(Prompt.Version version, Map<String, String> vars) {
    ArrayNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    for (Prompt.Message m : version.messages()) {
      Matcher matcher = VARIABLE.matcher(m.content());
      StringBuilder text = new StringBuilder();
      while (matcher.find()) {
        String value = vars.get(matcher.group(1));
        if (value == null) {
          throw new IllegalArgumentException("variable '" + matcher.group(1) + "' is not set; send it in "
              + "gateway.prompt.variables" + ("context".equals(matcher.group(1)) ? " or send gateway.retrieval" : ""));
        }
        matcher.appendReplacement(text, Matcher.quoteReplacement(value));
      }
      matcher.appendTail(text);
      out.addObject().put("role", m.role()).put("content", text.toString());
    }
    return out;
  }
}
