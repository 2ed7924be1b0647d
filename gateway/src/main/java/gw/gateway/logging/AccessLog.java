package gw.gateway.logging;

import gw.gateway.chain.ErrorType;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.RequestContext;
import gw.gateway.metering.Measurement;
import gw.gateway.metering.MeteringSubscriber;
import gw.traces.TraceRecord;
import gw.traces.redact.Redactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One access line per finished request (logger {@value #LOGGER}, on only with {@code --log-format
 * json}), written on the metering thread so the event loop does no log work. Identifiers, the
 * route, models, status, error type, timings, tokens, cost, the gateway's actions and the trace
 * sampling decision; never prompt or answer text, never a key. The ids a client chose (request and
 * session) are redacted as in the trace: a client may put anything there.
 */
public final class AccessLog implements MeteringSubscriber {
  public static final String LOGGER = "gw.access";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  private final Redactor redactor;

  public AccessLog(Redactor redactor) {
    this.redactor = redactor;
  }

  @Override
  public void onMetered(Exchange ex, Measurement m) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    LoggingEventBuilder line = LOG.atInfo().setMessage("request")
        .addKeyValue("trace_id", ex.traceId())
        .addKeyValue("route", ex.route().path())
        .addKeyValue("status", ex.status());
    RequestContext ctx = ex.context();
    if (ctx != null) {
      optional(line, "request_id", redactor.redact(ctx.requestId()));
      optional(line, "session_id", redactor.redact(ctx.sessionId()));
    }
    if (ex.identity() != null) {
      line.addKeyValue("tenant", ex.identity().tenant());
    }
    optional(line, "model_requested", ex.modelRequested());
    optional(line, "model_served", m.modelServed());
    ErrorType error = ErrorType.of(ex, m.failed());
    if (error != ErrorType.NONE) {
      line.addKeyValue("error_type", error.tag()); // the gw_requests_total label's vocabulary
    }
    line.addKeyValue("latency_ms", round(m.timings().totalMs()));
    line.addKeyValue("upstream_ms", round(m.timings().upstreamOrZeroMs()));
    if (m.timings().ttftMs() != null) {
      line.addKeyValue("ttft_ms", round(m.timings().ttftMs()));
    }
    TraceRecord.Tokens tokens = m.tokens();
    if (tokens != null) {
      line.addKeyValue("prompt_tokens", tokens.promptTokens()).addKeyValue("completion_tokens", tokens.completionTokens());
    }
    optional(line, "cost_usd", m.cost());
    if (!ex.actions().isEmpty()) {
      line.addKeyValue("actions", ex.actions());
    }
    TraceRecord.Sampling sampling = ex.traceSampling();
    if (sampling != null) {
      line.addKeyValue("trace_kept", sampling.kept()).addKeyValue("sampling_reason", sampling.reason());
    }
    line.log();
  }

  private static void optional(LoggingEventBuilder line, String key, Object value) {
    if (value != null) {
      line.addKeyValue(key, value);
    }
  }

  private static double round(double ms) {
    return Math.round(ms * 1000) / 1000.0;
  }
}
