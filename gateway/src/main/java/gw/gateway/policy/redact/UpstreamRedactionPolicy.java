package gw.gateway.policy.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.Policy;
import gw.gateway.chain.Route;
import gw.traces.redact.Redactor;
import io.vertx.core.Future;

/**
 * Opt-in (listed in {@code pipeline}): PII and secrets in what the client sends are replaced by
 * {@code [REDACTED:type]} before the request leaves for the provider — chat message text (plain or
 * in text parts) and embedding inputs. It runs on the event loop and scans the whole prompt, so it
 * costs time in proportion to the prompt's size.
 */
public final class UpstreamRedactionPolicy implements Policy {
  public static final String ACTION = "upstream_redaction/redact";
  private final Redactor redactor;

  public UpstreamRedactionPolicy(Redactor redactor) {
    this.redactor = redactor;
  }

  @Override
  public Future<Void> onRequest(Exchange exchange) {
    ObjectNode body = exchange.body();
    boolean changed = false;
    if (exchange.route().isCompletion() && body != null) {
      for (JsonNode message : body.path("messages")) {
        changed |= redactField((ObjectNode) message, "content");
        if (message.path("content").isArray()) {
          for (JsonNode part : message.get("content")) {
            if (part.isObject() && "text".equals(part.path("type").asText())) {
              changed |= redactField((ObjectNode) part, "text");
            }
          }
        }
      }
    } else if (exchange.route() == Route.EMBEDDINGS && body != null) {
      JsonNode input = body.get("input");
      if (input != null && input.isTextual()) {
        changed = redactField(body, "input");
      } else if (input != null && input.isArray()) {
        ArrayNode items = (ArrayNode) input;
        for (int i = 0; i < items.size(); i++) {
          if (items.get(i).isTextual()) {
            String redacted = redactor.redact(items.get(i).asText());
            if (!redacted.equals(items.get(i).asText())) {
              items.set(i, TextNode.valueOf(redacted));
              changed = true;
            }
          }
        }
      }
    }
    if (changed) {
      exchange.markBodyModified();
      exchange.addAction(ACTION);
    }
    return DONE;
  }

  private boolean redactField(ObjectNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      return false;
    }
    String redacted = redactor.redact(value.asText());
    if (redacted.equals(value.asText())) {
      return false;
    }
    node.put(field, redacted);
    return true;
  }
}
