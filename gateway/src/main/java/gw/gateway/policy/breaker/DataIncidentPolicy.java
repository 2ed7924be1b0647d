package gw.gateway.policy.breaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.Policy;
import gw.gateway.incident.IncidentClass;
import gw.gateway.policy.leak.LeakJudge;
import gw.gateway.openai.RequestBodies;
import gw.traces.redact.Redactor;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.Set;
import java.util.function.Consumer;

/**
 * DATA_INCIDENT: every chat answer is scanned for PII and secrets with the trace redactor's
 * patterns, and each value found is judged by where it came from ({@link LeakJudge}): the
 * caller's own details echoed and public contact data quoted from documents pass untouched;
 * credentials are always redacted; anything else is a leak. A leak trips the breaker for the
 * answer's tenant (no automatic close: an operator decides when it is over) and is redacted or,
 * with {@code action: block}, withheld with {@code finish_reason: content_filter}. While a tenant
 * is tripped, its traces keep no content; other tenants' do. Observe mode judges, trips and
 * records what it would have done, and changes nothing. Forced closed turns the scan off.
 *
 * <p>Streamed answers are filtered event by event ({@link StreamLeakGuard}); their headers are
 * already sent when a leak shows, so the action is in the trace, not in {@code x-gateway-action}.
 */
public final class DataIncidentPolicy implements Policy {
  public static final String REDACT_ACTION = "data_incident/redact";
  public static final String BLOCK_ACTION = "data_incident/block";
  /** A credential the caller sent, echoed and redacted: altered, but no leak. */
  public static final String REDACT_CREDENTIALS_ACTION = "data_incident/redact_credentials";
  public static final String WITHHOLD_ACTION = "data_incident/withhold_trace_content";
  /** The actions that mean a leak was caught. */
  public static final Set<String> LEAK_ACTIONS = Set.of(REDACT_ACTION, BLOCK_ACTION);
  static final String BLOCKED_TEXT = "This answer was withheld because it contained sensitive data.";
  private static final String NO_TENANT = "-";

  private final Breaker breaker;
  private final TenantLeakTrips trips;
  private final boolean block;
  private final boolean scanStreams;
  private final Redactor redactor;
  private final LeakJudge judge;
  private final int maxEventBytes;

  /** {@code maxEventBytes}: the longest SSE event a stream guard holds while waiting for its end. */
  public DataIncidentPolicy(Breakers breakers, Redactor redactor, int maxEventBytes) {
    this.maxEventBytes = maxEventBytes;
    this.breaker = breakers.get(IncidentClass.DATA_INCIDENT);
    this.trips = (TenantLeakTrips) breaker.trigger();
    this.block = "block".equals(breakers.config().dataIncident().action());
    this.scanStreams = breakers.config().dataIncident().scanStreams();
    this.redactor = redactor;
    this.judge = new LeakJudge(breakers.config().dataIncident().allow());
  }

  @Override
  public Future<Void> onRequest(Exchange exchange) {
    BreakerMode mode = breaker.mode();
    if (mode == BreakerMode.FORCED_OPEN || mode.triggerRuns() && trips.isTripped(tenant(exchange))) {
      if (mode == BreakerMode.OBSERVE) {
        exchange.addObservedAction(WITHHOLD_ACTION);
      } else {
        exchange.withholdContent();
      }
    }
    return DONE;
  }

  @Override
  public Buffer onChunk(Exchange exchange, Buffer chunk) {
    StreamLeakGuard guard = exchange.attachment(StreamLeakGuard.class);
    if (guard == null) {
      if (!scanStreams || !exchange.route().isCompletion() || breaker.mode() == BreakerMode.FORCED_CLOSED) {
        return chunk;
      }
      AnswerScan scan = scan(exchange, first -> tripped(exchange, first, "a streamed answer"));
      guard = new StreamLeakGuard(redactor.stream(scan::replace), block && breaker.mode() != BreakerMode.OBSERVE, scan,
          maxEventBytes);
      exchange.attach(StreamLeakGuard.class, guard);
    }
    return guard.onChunk(chunk);
  }

  @Override
  public Buffer onStreamEnd(Exchange exchange) {
    StreamLeakGuard guard = exchange.attachment(StreamLeakGuard.class);
    if (guard == null) {
      return null;
    }
    Buffer tail = guard.onEnd();
    settle(exchange, guard.scan());
    return tail;
  }

  @Override
  public Future<Void> onResponse(Exchange exchange) {
    if (!exchange.route().isCompletion() || breaker.mode() == BreakerMode.FORCED_CLOSED
        || !(exchange.responseJson() instanceof ObjectNode answer)) {
      return DONE;
    }
    boolean enforce = breaker.mode() != BreakerMode.OBSERVE;
    AnswerScan scan = scan(exchange, whole -> { }); // a whole answer trips once it is all read
    boolean changed = false;
    for (JsonNode choice : answer.path("choices")) {
      JsonNode message = choice.path("message");
      if (message.path("content").isTextual()) {
        String content = message.get("content").asText();
        String redacted = redactor.redact(content, scan::replace);
        if (block && enforce && scan.leaked()) {
          ((ObjectNode) message).put("content", BLOCKED_TEXT);
          ((ObjectNode) choice).put("finish_reason", "content_filter");
          changed = true;
        } else if (!redacted.equals(content)) {
          ((ObjectNode) message).put("content", redacted);
          changed = true;
        }
      }
    }
    if (scan.leaked()) {
      tripped(exchange, scan, "an answer");
    }
    settle(exchange, scan);
    if (changed) {
      exchange.responseBody(RequestBodies.serialize(answer));
    }
    return DONE;
  }

  /** One answer's scan; observe mode judges and reports but replaces nothing. */
  private AnswerScan scan(Exchange exchange, Consumer<AnswerScan> onFirstLeak) {
    return new AnswerScan(exchange, redactor, judge, breaker.mode() != BreakerMode.OBSERVE, onFirstLeak);
  }

  /** A leak: trips the tenant (auto and observe) and keeps this request's content out of its trace. */
  private void tripped(Exchange exchange, AnswerScan scan, String where) {
    if (breaker.mode().triggerRuns()) {
      trips.trip(tenant(exchange), "sensitive data in " + where + ": " + scan.leakSummary());
    }
    if (breaker.mode() != BreakerMode.OBSERVE) {
      exchange.withholdContent();
    }
  }

  /** Records what was done to the answer (or, observing, what would have been). */
  private void settle(Exchange exchange, AnswerScan scan) {
    if (scan.leaked()) {
      breaker.act(exchange, block ? BLOCK_ACTION : REDACT_ACTION);
    } else if (scan.redacts()) {
      breaker.act(exchange, REDACT_CREDENTIALS_ACTION);
    }
  }

  private static String tenant(Exchange exchange) {
    return exchange.identity() == null || exchange.identity().tenant() == null ? NO_TENANT : exchange.identity().tenant();
  }
}
