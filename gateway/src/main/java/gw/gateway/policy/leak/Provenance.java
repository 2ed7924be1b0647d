package gw.gateway.policy.leak;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayExtension;
import gw.gateway.openai.MessageText;
import gw.traces.redact.Redactor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sensitive values one request carried, split by who supplied them. The caller's own: user and
 * assistant turns, tool messages, tool-call arguments and the tools reported in {@code gateway.tools}.
 * Documents: {@code gateway.retrieval.documents} and the system or developer instructions (where
 * apps put retrieved context). A document's text quoted inside a user turn still counts as a
 * document, not as the caller's words.
 */
public final class Provenance {
  private final Set<String> caller;
  private final Set<String> documents;

  private Provenance(Set<String> caller, Set<String> documents) {
    this.caller = caller;
    this.documents = documents;
  }

  public static Provenance of(Exchange exchange, Redactor redactor) {
    List<String> documentTexts = documentTexts(exchange);
    StringBuilder callerText = new StringBuilder();
    StringBuilder instructions = new StringBuilder();
    JsonNode body = exchange.body();
    if (body != null) {
      for (JsonNode message : body.path("messages")) {
        String role = message.path("role").asText();
        StringBuilder into = role.equals("system") || role.equals("developer") ? instructions : callerText;
        into.append(MessageText.of(message.get("content"))).append('\n');
        message.path("tool_calls").forEach(call -> into.append(call.path("function").path("arguments").asText()).append('\n'));
      }
    }
    exchange.context().tools().forEach(tool -> callerText.append(orMissing(tool.input())).append('\n')
        .append(orMissing(tool.output())).append('\n'));
    String own = withoutDocuments(callerText.toString(), documentTexts);
    documentTexts.add(instructions.toString());
    return new Provenance(keys(redactor, List.of(own)), keys(redactor, documentTexts));
  }

  /** Where the value came from (not counting the allowlist, which the caller checks first). */
  public Origin originOf(Redactor.Match match) {
    String key = ValueKeys.of(match);
    if (caller.contains(key)) {
      return Origin.CALLER;
    }
    return documents.contains(key) ? Origin.DOCUMENTS : Origin.NOWHERE;
  }

  /** A reported tool input or output as text; nothing when it was not reported. */
  private static String orMissing(JsonNode value) {
    return value == null ? "" : value.toString();
  }

  private static List<String> documentTexts(Exchange exchange) {
    List<String> texts = new ArrayList<>();
    GatewayExtension.Retrieval retrieval = exchange.context().retrieval();
    if (retrieval != null) {
      for (GatewayExtension.Document document : retrieval.documents()) {
        if (!document.text().isBlank()) {
          texts.add(document.text());
        }
      }
    }
    return texts;
  }

  /** The caller's text with every document's content cut out, longest first so none hides another. */
  private static String withoutDocuments(String text, List<String> documents) {
    List<String> longestFirst = new ArrayList<>(documents);
    longestFirst.sort(Comparator.comparingInt(String::length).reversed());
    String rest = text;
    for (String document : longestFirst) {
      rest = rest.replace(document, "\n");
    }
    return rest;
  }

  private static Set<String> keys(Redactor redactor, List<String> texts) {
    Set<String> keys = new HashSet<>();
    for (String text : texts) {
      redactor.matches(text).forEach(m -> keys.add(ValueKeys.of(m)));
      ValueKeys.addLooseNumbers(text, keys);
    }
    keys.remove(null);
    return keys;
  }
}
