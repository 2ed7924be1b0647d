package gw.gateway.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.anthropic.MessageAnswers;
import gw.gateway.anthropic.MessagesStreamDecoder;
import gw.gateway.anthropic.MessagesToChat;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.chain.PolicyChain;
import gw.gateway.chain.Route;
import gw.gateway.chain.Wire;
import gw.gateway.config.GatewayConfig;
import gw.gateway.metering.MeteringStage;
import gw.gateway.openai.OutputTokens;
import gw.gateway.openai.RequestBodies;
import gw.gateway.openai.StreamCompletion;
import gw.gateway.openai.SyntheticCompletion;
import gw.gateway.openai.TranslatedRequest;
import gw.gateway.otlp.W3cTraceContext;
import gw.gateway.policy.forward.HeaderRules;
import gw.gateway.responses.ResponseAnswers;
import gw.gateway.responses.ResponsesStreamDecoder;
import gw.gateway.responses.ResponsesToChat;
import gw.gateway.upstream.ProviderErrors;
import gw.gateway.upstream.Providers;
import gw.gateway.upstream.Upstream;
import gw.gateway.upstream.UpstreamErrors;
import gw.gateway.upstream.UpstreamRequest;
import gw.traces.TraceIds;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * The data plane's HTTP in and out: read and parse the body (a Messages or Responses request read as
 * the chat completion the chain speaks), run the policy chain's request side, hand the call to the
 * decorated {@link Upstream} (provider choice, timeouts, breaker, retries and fallback models live
 * there), relay its final answer (streams chunk by chunk, never buffered whole; read as chat when the
 * provider speaks another API) through the response side in the client's own API ({@link ClientShape}),
 * and hand the finished exchange to the metering stage (tokens, cost, quality → budgets, limits,
 * windows, metrics, trace).
 */
final class ProxyHandler implements Handler<HttpServerRequest> {
  static final String TRACE_HEADER = "x-gateway-trace-id";
  /** Edge limits, Envoy's defaults: 60 KiB of request headers, 100 header fields. */
  static final int MAX_HEADER_BYTES = 60 * 1024;
  static final int MAX_HEADERS = 100;
  static final String ACTION_HEADER = "x-gateway-action";
  /** The model name a gateway-made answer carries, so traces and clients see no model served it. */
  static final String LOCAL_MODEL = "gateway-fallback";
  private static final String JSON = "application/json";

  private final Vertx vertx;
  private final Upstream upstream;
  private final PolicyChain chain;
  private final MeteringStage metering;
  private final GatewayConfig.Limits limits;
  private final Providers providers;
  private final ConnectionWatch connections;
  private final EdgeCounters edge;
  private final InFlight inFlight;
  private final HeaderRules headers;
  private final ProviderErrors providerErrors;
  private final Clock clock;

  ProxyHandler(Vertx vertx, Upstream upstream, DataPlane plane, ConnectionWatch connections) {
    this.vertx = vertx;
    this.upstream = upstream;
    this.chain = plane.chain();
    this.metering = plane.metering();
    this.limits = plane.config().limits();
    this.connections = connections;
    this.edge = plane.edge();
    this.providers = plane.providers();
    this.inFlight = plane.inFlight();
    this.headers = plane.rules().headers();
    this.providerErrors = plane.providerErrors();
    this.clock = plane.clock();
  }

  @Override
  public void handle(HttpServerRequest request) {
    long startNanos = System.nanoTime();
    String traceId = TraceIds.next();
    HttpServerResponse response = request.response();
    ConnectionWatch.Deadline deadline = connections.requestStarted(request.connection());
    response.endHandler(v -> connections.requestEnded(deadline));
    response.putHeader(TRACE_HEADER, traceId);
    GatewayFailure malformed = edgeCheck(request.headers());
    if (malformed != null) {
      edge.rejected(malformed.status() == 431 ? EdgeCounters.Reason.HEADER_FIELDS : EdgeCounters.Reason.FRAMING);
      response.putHeader(HttpHeaders.CONNECTION, "close");
      writeError(response, null, malformed);
      request.connection().close(); // after the answer; a request pipelined behind this one is never read
      return;
    }
    Route route = Route.match(request.method(), request.path());
    if (route == null) {
      writeError(response, null, GatewayFailure.notFound("Unknown request URL: " + request.method()
          + " " + request.path() + ". The gateway serves POST /v1/chat/completions, POST /v1/responses, "
          + "GET /v1/responses/{id}, POST /v1/messages, POST /v1/embeddings and GET /v1/models."));
      return;
    }
    if (!inFlight.tryEnter(limits.maxInFlight())) {
      edge.rejected(EdgeCounters.Reason.IN_FLIGHT);
      writeError(response, route, GatewayFailure.overloaded("gateway_overloaded", "The gateway is already working on "
          + limits.maxInFlight() + " requests; retry in a second"));
      return;
    }
    Exchange exchange = new Exchange(traceId, route, request.headers(), clock.instant(), startNanos);
    if (route == Route.RESPONSE) {
      exchange.resourceId(Route.resourceId(request.path()));
    }
    String clientTraceparent = request.getHeader(W3cTraceContext.HEADER);
    response.putHeader(W3cTraceContext.HEADER, W3cTraceContext.traceparent(traceId,
        clientTraceparent == null ? null : clientTraceparent.trim(), exchange.requestSpanId()));
    Call call = new Call(exchange, request, deadline);
    // The key first: a request the headers already refuse is answered without its body being read.
    Future<Void> admitted = chain.headers(exchange);
    if (admitted.isComplete()) {
      admit(call, route, admitted, false);
    } else {
      request.pause(); // the body waits for the verdict
      admitted.onComplete(ar -> admit(call, route, admitted, true));
    }
  }

  private void admit(Call call, Route route, Future<Void> admitted, boolean paused) {
    if (admitted.failed()) {
      call.fail(admitted.cause());
      return;
    }
    if (!route.hasBody()) {
      runRequestSide(call, null);
      return;
    }
    Promise<Buffer> body = Promise.promise();
    connections.awaitBody(call.deadline, () -> {
      call.request.handler(null);
      call.request.response().putHeader(HttpHeaders.CONNECTION, "close");
      body.tryFail(GatewayFailure.bodyTimeout(limits.bodyTimeoutMs()));
    });
    BodyReader.read(call.request, call.request.getHeader(HttpHeaders.CONTENT_LENGTH), limits.maxBodyBytes(),
        GatewayFailure.tooLarge(limits.maxBodyBytes()), body);
    body.future().onComplete(ar -> {
      call.deadline.clear();
      if (ar.failed()) {
        call.fail(ar.cause());
        return;
      }
      try {
        ObjectNode parsed = RequestBodies.parse(route, ar.result());
        TranslatedRequest chat = switch (route.wire()) {
          case ANTHROPIC -> MessagesToChat.translate(parsed);
          case RESPONSES -> ResponsesToChat.translate(parsed);
          case OPENAI -> null;
        };
        if (chat == null) {
          call.exchange.body(parsed);
        } else {
          call.exchange.body(chat.chat());
          call.exchange.untranslated(chat.untranslated());
          call.exchange.clientBody(parsed);
        }
      } catch (GatewayFailure f) {
        call.fail(f);
        return;
      }
      runRequestSide(call, ar.result());
    });
    if (paused) {
      call.request.resume();
    }
  }

  private void runRequestSide(Call call, Buffer rawBody) {
    Exchange ex = call.exchange;
    if (ex.body() != null) {
      ex.modelRequested(ex.body().get("model").asText());
      ex.stream(ex.body().path("stream").asBoolean(false));
    }
    chain.request(ex).onComplete(ar -> {
      if (ar.failed()) {
        call.fail(ar.cause());
        return;
      }
      if (ex.localAnswer() != null) {
        respondLocally(call);
        return;
      }
      forward(call, rawBody);
    });
  }

  /** The decorated upstream call; only its final outcome comes back here. */
  private void forward(Call call, Buffer clientBytes) {
    Exchange ex = call.exchange;
    ex.upstreamStarted(System.nanoTime());
    GatewayConfig.Upstream first;
    try {
      first = providers.forModel(ex.routedModel(), ex.route()).connection();
    } catch (GatewayFailure refused) {
      call.fail(refused);
      return;
    }
    call.timeoutMs = first.timeoutMs();
    call.streamIdleMs = first.idleTimeoutMs();
    call.upstream = new UpstreamRequest(ex, clientBytes, RequestBodies::serialize, providers, ex.upstreamStartNanos(),
        call.timeoutMs);
    call.timer = vertx.setTimer(call.timeoutMs, id -> call.timeout());
    upstream.call(call.upstream).onComplete(outcome -> {
      if (call.finished) {
        return;
      }
      if (outcome.succeeded()) {
        call.providerWire = outcome.result().wire();
        relay(call, outcome.result().http());
      } else if (outcome.cause() instanceof GatewayFailure failure) {
        vertx.cancelTimer(call.timer); // the open breaker's fail-fast answer
        call.fail(failure);
      } else {
        call.failUpstream(outcome.cause());
      }
    });
  }

  private void relay(Call call, HttpClientResponse upstreamResponse) {
    Exchange ex = call.exchange;
    ex.upstreamHeaders(System.nanoTime());
    if (ex.stream() && upstreamResponse.statusCode() == 200 && isEventStream(upstreamResponse)) {
      vertx.cancelTimer(call.timer);
      relayStream(call, upstreamResponse);
    } else {
      Promise<Buffer> body = Promise.promise();
      BodyReader.read(upstreamResponse, upstreamResponse.getHeader(HttpHeaders.CONTENT_LENGTH),
          limits.maxResponseBytes(), GatewayFailure.upstream(502, "upstream_response_too_large",
              "The provider's answer exceeds the gateway's limit of " + limits.maxResponseBytes() + " bytes"), body);
      body.future().onComplete(br -> {
        if (br.failed() && br.cause() instanceof GatewayFailure tooLarge) {
          vertx.cancelTimer(call.timer);
          upstreamResponse.request().reset();
          call.fail(tooLarge);
        } else if (br.failed()) {
          call.failUpstream(br.cause());
        } else {
          vertx.cancelTimer(call.timer);
          respondWhole(call, upstreamResponse, br.result());
        }
      });
      upstreamResponse.resume();
    }
  }

  /** A policy answered the request itself (a breaker's fallback): no upstream call, same wire shape. */
  private void respondLocally(Call call) {
    Exchange ex = call.exchange;
    String model = LOCAL_MODEL;
    ex.status(200);
    HttpServerResponse response = call.request.response().setStatusCode(200);
    writeActions(ex, response);
    if (ex.stream()) {
      Buffer events = SyntheticCompletion.sse(ex.traceId(), model, ex.localAnswer());
      ex.addStreamChunk(events, System.nanoTime(), limits.maxTracedStreamBytes());
      response.putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream");
      call.finish();
      response.end(ClientShape.encoder(ex).apply(events));
    } else {
      Buffer json = SyntheticCompletion.json(ex.traceId(), model, ex.localAnswer());
      ex.responseBody(json);
      checkBody(ex, 200, JSON, json);
      response.putHeader(HttpHeaders.CONTENT_TYPE, JSON);
      call.finish();
      response.end(ClientShape.answer(ex, json));
    }
  }

  private void respondWhole(Call call, HttpClientResponse upstreamResponse, Buffer body) {
    Exchange ex = call.exchange;
    ex.upstreamEnded(System.nanoTime());
    int status = upstreamResponse.statusCode();
    ex.status(status);
    ex.responseBody(body);
    String problem = checkBody(ex, status, upstreamResponse.getHeader(HttpHeaders.CONTENT_TYPE), body);
    if (problem != null) {
      call.fail(GatewayFailure.upstream(502, "upstream_invalid_response", "The provider answered "
          + status + " with " + problem + "; the gateway did not pass it on"));
      return;
    }
    // The chain reads chat completions: a Messages or Responses answer is read as one.
    Buffer asChat = switch (ex.responseJson() == null ? Wire.OPENAI : call.providerWire) {
      case OPENAI -> body;
      case ANTHROPIC -> chatOf(ex, MessageAnswers.toChat(ex.responseJson(), clock.instant().getEpochSecond()));
      case RESPONSES -> chatOf(ex, ResponseAnswers.toChat(ex.responseJson()));
    };
    call.upstream.pace().answered(OutputTokens.ofCompletion(ex.responseJson()));
    chain.response(ex).onComplete(ar -> {
      if (ar.failed()) {
        call.fail(ar.cause());
        return;
      }
      HttpServerResponse response = call.request.response();
      response.setStatusCode(status);
      headers.copyToClient(upstreamResponse.headers(), response.headers());
      writeActions(ex, response);
      call.finish();
      // A policy may have rewritten the answer (e.g. DATA_INCIDENT redaction); errors are the gateway's words.
      if (status >= 400) {
        response.end(ClientShape.error(ex.route(), providerErrors.toClient(status, ex.responseBody())));
      } else if (call.providerWire == ex.route().wire() && ex.responseBody() == asChat) {
        response.end(body); // untouched, in the client's own shape: as the provider sent it
      } else {
        response.end(ClientShape.answer(ex, ex.responseBody()));
      }
    });
  }

  /** The chain's view of a translated answer: the chat completion, as JSON and bytes. */
  private static Buffer chatOf(Exchange ex, ObjectNode chat) {
    Buffer bytes = RequestBodies.serialize(chat);
    ex.responseJson(chat);
    ex.responseBody(bytes);
    return bytes;
  }

  /**
   * A successful JSON answer is parsed once here (the trace reuses it); errors must already be in
   * OpenAI's shape, or the client gets a 502 that says what the upstream did.
   */
  private static String checkBody(Exchange ex, int status, String contentType, Buffer body) {
    boolean json = contentType != null && contentType.startsWith(JSON);
    if (status >= 200 && status < 300) {
      if (!json) {
        return "content type " + contentType + " instead of JSON";
      }
      try {
        ex.responseJson(RequestBodies.JSON.readTree(body.getBytes()));
        return null;
      } catch (IOException e) {
        return "a body that is not valid JSON (" + body.length() + " bytes, likely truncated)";
      }
    }
    if (status >= 400 && (!json || body.length() == 0 || body.getByte(0) != '{')) {
      return "a body that is not an OpenAI error object";
    }
    return null;
  }

  private void relayStream(Call call, HttpClientResponse upstreamResponse) {
    Exchange ex = call.exchange;
    ex.status(200);
    chain.response(ex).onComplete(ar -> {
      if (ar.failed()) {
        upstreamResponse.request().reset();
        call.fail(ar.cause());
        return;
      }
      HttpServerResponse response = call.request.response();
      response.setStatusCode(200).setChunked(true);
      headers.copyToClient(upstreamResponse.headers(), response.headers());
      writeActions(ex, response);
      StreamCompletion completion = new StreamCompletion();
      boolean usageAsked = ex.body().path("stream_options").path("include_usage").asBoolean(false);
      UnaryOperator<Buffer> toChat = switch (call.providerWire) {
        case OPENAI -> UnaryOperator.identity();
        case ANTHROPIC -> new MessagesStreamDecoder(usageAsked, clock.instant().getEpochSecond())::decode;
        case RESPONSES -> new ResponsesStreamDecoder(usageAsked)::decode;
      };
      UnaryOperator<Buffer> toClient = ClientShape.encoder(ex);
      watchForStall(call, upstreamResponse);
      upstreamResponse.handler(raw -> {
        Buffer chunk = toChat.apply(raw);
        call.lastChunkNanos = System.nanoTime();
        ex.addStreamChunk(chunk, call.lastChunkNanos, limits.maxTracedStreamBytes());
        completion.add(chunk);
        call.upstream.pace().streamed(OutputTokens.ofStreamChunk(chunk));
        Buffer out;
        try {
          out = chain.chunk(ex, chunk);
        } catch (GatewayFailure f) { // e.g. an event beyond max_stream_event_bytes
          upstreamResponse.request().reset();
          breakStream(call, f);
          return;
        }
        response.write(toClient.apply(out));
        if (response.writeQueueFull()) {
          upstreamResponse.pause();
          response.drainHandler(v -> upstreamResponse.resume());
        }
      });
      upstreamResponse.exceptionHandler(err -> breakStream(call, UpstreamErrors.streamBroken(err)));
      upstreamResponse.endHandler(v -> {
        if (!completion.done()) {
          breakStream(call, UpstreamErrors.streamBroken(null));
          return;
        }
        ex.upstreamEnded(System.nanoTime());
        Buffer tail = chain.streamEnd(ex);
        call.finish();
        if (tail != null) {
          response.end(toClient.apply(tail));
        } else {
          response.end();
        }
      });
      upstreamResponse.resume();
    });
  }

  /**
   * A provider that goes silent mid-stream for the upstream idle timeout gets the stream ended with a
   * timeout error (Vert.x's request idle timeout stops at the response headers). One check every
   * quarter of the timeout, not a timer re-armed per chunk.
   */
  private void watchForStall(Call call, HttpClientResponse upstreamResponse) {
    long idleNanos = call.streamIdleMs * 1_000_000;
    call.lastChunkNanos = System.nanoTime();
    call.timer = vertx.setPeriodic(Math.max(1, call.streamIdleMs / 4), id -> {
      if (call.finished) {
        vertx.cancelTimer(id);
      } else if (System.nanoTime() - call.lastChunkNanos > idleNanos) {
        vertx.cancelTimer(id);
        breakStream(call, UpstreamErrors.streamBroken(new TimeoutException("stream idle")));
        upstreamResponse.request().reset();
      }
    });
  }

  /**
   * A stream the provider broke, cut short or overfilled after the client had its 200: an OpenAI
   * error event, then the end of the stream (no {@code [DONE]}), so SDKs raise an error instead of
   * taking a partial answer for a whole one. Text a policy still held back is dropped, not flushed.
   */
  private static void breakStream(Call call, GatewayFailure failure) {
    if (call.finished) {
      return;
    }
    call.exchange.upstreamEnded(System.nanoTime());
    call.exchange.streamError(failure.code());
    call.finish();
    call.request.response().end(ClientShape.streamError(call.exchange.route(), failure));
  }

  /** Tells the client what the gateway did, e.g. {@code x-gateway-action: retrieval_outage/fallback_answer}. */
  private static void writeActions(Exchange ex, HttpServerResponse response) {
    if (!ex.actions().isEmpty()) {
      response.putHeader(ACTION_HEADER, String.join(", ", ex.actions()));
    }
  }

  private static boolean isEventStream(HttpClientResponse response) {
    String type = response.getHeader(HttpHeaders.CONTENT_TYPE);
    return type != null && type.startsWith("text/event-stream");
  }

  /**
   * What the edge refuses before anything else: more than {@value #MAX_HEADERS} header fields, or both
   * Content-Length and Transfer-Encoding ({@link FramingCheck}). The headers' total size is capped by
   * the HTTP server ({@value #MAX_HEADER_BYTES} bytes, 431 too).
   */
  static GatewayFailure edgeCheck(MultiMap headers) {
    if (headers.size() > MAX_HEADERS) {
      return GatewayFailure.tooManyHeaders(headers.size(), MAX_HEADERS);
    }
    if (headers.contains(FramingCheck.MARK)) {
      return GatewayFailure.invalidRequest("conflicting_framing", null, "The request has both Content-Length and "
          + "Transfer-Encoding; send one of them (RFC 9112 6.1)");
    }
    return null;
  }

  private static void writeError(HttpServerResponse response, Route route, GatewayFailure failure) {
    if (response.headWritten() || response.ended() || response.closed()) {
      return;
    }
    if (failure.retryAfterSeconds() > 0) {
      response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(failure.retryAfterSeconds()));
    }
    response.setStatusCode(failure.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .end(ClientShape.error(route, failure));
  }

  /** One request's progress; touched only on its event loop. */
  private final class Call {
    final Exchange exchange;
    final HttpServerRequest request;
    final ConnectionWatch.Deadline deadline;
    /** Set once the request is forwarded. */
    UpstreamRequest upstream;
    /** The overall deadline and the stream idle limit: the first provider's. */
    long timeoutMs;
    long streamIdleMs;
    /** The shape of the provider's answer being relayed. */
    Wire providerWire = Wire.OPENAI;
    long timer = -1;
    long lastChunkNanos;
    boolean timedOut;
    boolean finished;

    Call(Exchange exchange, HttpServerRequest request, ConnectionWatch.Deadline deadline) {
      this.exchange = exchange;
      this.request = request;
      this.deadline = deadline;
      request.response().closeHandler(v -> clientGone());
    }

    void timeout() {
      timedOut = true;
      // Also when between attempts (no request running): the deadline is the deadline.
      upstream.expire();
      upstream.reset(new TimeoutException("upstream timeout"));
      failUpstream(new TimeoutException("upstream timeout"));
    }

    void failUpstream(Throwable error) {
      if (finished) {
        return;
      }
      vertx.cancelTimer(timer);
      exchange.upstreamEnded(System.nanoTime());
      fail(UpstreamErrors.classify(error, timedOut, timeoutMs));
    }

    void fail(Throwable error) {
      if (finished) {
        return;
      }
      GatewayFailure failure = error instanceof GatewayFailure f ? f
          : new GatewayFailure(500, "server_error", "gateway_error",
              null, "The gateway failed to process the request (" + error.getClass().getSimpleName()
                  + "); see the gateway log for trace " + exchange.traceId());
      exchange.fail(failure);
      HttpServerResponse response = request.response();
      if (response.headWritten()) {
        response.reset();
        finish();
      } else {
        response.setStatusCode(failure.status()).putHeader(HttpHeaders.CONTENT_TYPE, JSON);
        writeActions(exchange, response);
        if (failure.retryAfterSeconds() > 0) {
          response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(failure.retryAfterSeconds()));
        }
        finish();
        response.end(ClientShape.error(exchange.route(), failure));
      }
    }

    /** The client went away: stop the upstream work it no longer wants. */
    void clientGone() {
      if (finished) {
        return;
      }
      exchange.streamError("client_disconnected");
      vertx.cancelTimer(timer);
      finish();
      // After finish(), so the reset's own error callbacks find the exchange already closed.
      if (upstream != null) {
        upstream.reset(null);
      }
    }

    /**
     * Hands the exchange to the metering stage. Called just before the last bytes go out, so
     * that a client which has its answer can already find the trace (nothing after this point
     * changes what the trace says).
     */
    void finish() {
      if (finished) {
        return;
      }
      finished = true;
      if (upstream != null) {
        upstream.end();
      }
      exchange.ended(System.nanoTime());
      metering.submit(exchange);
      inFlight.leave();
    }
  }
}
