package gw.gateway.policy.breaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.Policy;
import gw.gateway.chain.Route;
import gw.gateway.server.RequestBodies;
import gw.traces.redact.RedactionResult;
import gw.traces.redact.Redactor;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.TreeMap;

/**
 * DATA_INCIDENT: every chat answer is scanned for PII and secrets with the trace redactor's
 * patterns. A hit trips the breaker (no automatic close: an operator decides when the leak is
 * over) and the answer is redacted or, with {@code action: block}, withheld with
 * {@code finish_reason: content_filter}. While the breaker is open, traces keep no content (the
 * scan goes on). Forced closed turns the scan off.
 *
 * <p>Streamed answers are filtered event by event ({@link StreamLeakGuard}); their headers are
 * already sent when a leak shows, so the action is in the trace, not in {@code x-gateway-action}.
 */
public final class DataIncidentPolicy implements Policy {
  public static final String REDACT_ACTION = "data_incident/redact";
  public static final String BLOCK_ACTION = "data_incident/block";
  static final String BLOCKED_TEXT = "This answer was withheld because it contained sensitive data.";

  private final Breaker breaker;
  private final WindowBreaker trigger;
  private final boolean block;
  private final boolean scanStreams;
  private final Redactor redactor;

  public DataIncidentPolicy(Breakers breakers, Redactor redactor) {
    this.breaker = breakers.get(IncidentClass.DATA_INCIDENT);
    this.trigger = (WindowBreaker) breaker.trigger();
    this.block = "block".equals(breakers.config().dataIncident().action());
    this.scanStreams = breakers.config().dataIncident().scanStreams();
    this.redactor = redactor;
  }

  @Override
  public Future<Void> onRequest(Exchange exchange) {
    if (breaker.decide() == Verdict.INTERCEPT) {
      exchange.withholdContent();
    }
    return DONE;
  }

  @Override
  public Buffer onChunk(Exchange exchange, Buffer chunk) {
    StreamLeakGuard guard = exchange.attachment(StreamLeakGuard.class);
    if (guard == null) {
      if (!scanStreams || exchange.route() != Route.CHAT_COMPLETIONS || breaker.mode() == BreakerMode.FORCED_CLOSED) {
        return chunk;
      }
      guard = new StreamLeakGuard(redactor.stream(), block, () -> leaked(exchange, "a streamed answer"));
      exchange.attach(StreamLeakGuard.class, guard);
    }
    return guard.onChunk(chunk);
  }

  @Override
  public Buffer onStreamEnd(Exchange exchange) {
    StreamLeakGuard guard = exchange.attachment(StreamLeakGuard.class);
    return guard == null ? null : guard.onEnd();
  }

  private void leaked(Exchange exchange, String where) {
    if (breaker.mode() == BreakerMode.AUTO) {
      trigger.trip("sensitive data in " + where);
    }
    breaker.intercepted();
    exchange.withholdContent();
    exchange.addAction(block ? BLOCK_ACTION : REDACT_ACTION);
  }

  @Override
  public Future<Void> onResponse(Exchange exchange) {
    if (exchange.route() != Route.CHAT_COMPLETIONS || breaker.mode() == BreakerMode.FORCED_CLOSED
        || !(exchange.responseJson() instanceof ObjectNode answer)) {
      return DONE;
    }
    Map<String, Integer> found = new TreeMap<>();
    for (JsonNode choice : answer.path("choices")) {
      JsonNode message = choice.path("message");
      if (message.path("content").isTextual()) {
        RedactionResult r = redactor.redactWithCounts(message.get("content").asText());
        if (!r.counts().isEmpty()) {
          r.counts().forEach((type, n) -> found.merge(type, n, Integer::sum));
          ((ObjectNode) message).put("content", block ? BLOCKED_TEXT : r.text());
          if (block) {
            ((ObjectNode) choice).put("finish_reason", "content_filter");
          }
        }
      }
    }
    if (found.isEmpty()) {
      return DONE;
    }
    leaked(exchange, "an answer: " + found);
    exchange.responseBody(RequestBodies.serialize(answer));
    return DONE;
  }
}
