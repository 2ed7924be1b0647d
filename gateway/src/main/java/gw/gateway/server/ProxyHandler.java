package gw.gateway.server;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.chain.OpenAiErrors;
import gw.gateway.chain.PolicyChain;
import gw.gateway.chain.Route;
import gw.gateway.upstream.HeaderRules;
import gw.gateway.upstream.UpstreamErrors;
import gw.gateway.upstream.UpstreamTarget;
import gw.traces.TraceIds;
import gw.gateway.openai.OutputTokens;
import gw.gateway.openai.SyntheticCompletion;
import gw.gateway.policy.breaker.CallPace;
import gw.gateway.policy.breaker.UpstreamGuard;
import gw.gateway.policy.forward.ForwardRules;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The data plane's request flow: read and parse the body, run the policy chain's request side,
 * forward to the upstream (streams chunk by chunk, never buffered whole), run the response side,
 * answer, and hand the finished exchange to the chain's completion side (trace, later metrics).
 */
final class ProxyHandler implements Handler<HttpServerRequest> {
  static final String TRACE_HEADER = "x-gateway-trace-id";
  static final String ACTION_HEADER = "x-gateway-action";
  static final String FALLBACK_MODEL_ACTION = "forward/fallback_model";
  /** The model name a gateway-made answer carries, so traces and clients see no model served it. */
  static final String LOCAL_MODEL = "gateway-fallback";
  private static final String JSON = "application/json";

  private final Vertx vertx;
  private final HttpClient client;
  private final UpstreamTarget target;
  private final PolicyChain chain;
  private final long maxBodyBytes;
  private final long timeoutMs;
  private final long idleTimeoutMs;
  private final InFlight inFlight;
  private final UpstreamGuard upstreamGuard;
  private final ForwardRules rules;

  ProxyHandler(Vertx vertx, HttpClient client, UpstreamTarget target, PolicyChain chain, long maxBodyBytes,
      long timeoutMs, long idleTimeoutMs, InFlight inFlight, UpstreamGuard upstreamGuard, ForwardRules rules) {
    this.upstreamGuard = upstreamGuard;
    this.rules = rules;
    this.vertx = vertx;
    this.client = client;
    this.target = target;
    this.chain = chain;
    this.maxBodyBytes = maxBodyBytes;
    this.timeoutMs = timeoutMs;
    this.idleTimeoutMs = idleTimeoutMs;
    this.inFlight = inFlight;
  }

  @Override
  public void handle(HttpServerRequest request) {
    long startNanos = System.nanoTime();
    String traceId = TraceIds.next();
    HttpServerResponse response = request.response();
    response.putHeader(TRACE_HEADER, traceId);
    Route route = Route.match(request.method(), request.path());
    if (route == null) {
      writeError(response, GatewayFailure.notFound("Unknown request URL: " + request.method() + " " + request.path()
          + ". The gateway serves POST /v1/chat/completions, POST /v1/embeddings and GET /v1/models."));
      return;
    }
    inFlight.enter();
    Call call = new Call(new Exchange(traceId, route, request.headers(), Instant.now(), startNanos), request);
    if (!route.hasBody()) {
      runRequestSide(call, null);
      return;
    }
    BodyReader.read(request, maxBodyBytes).onComplete(ar -> {
      if (ar.failed()) {
        call.fail(ar.cause());
        return;
      }
      try {
        call.exchange.body(RequestBodies.parse(route, ar.result()));
      } catch (GatewayFailure f) {
        call.fail(f);
        return;
      }
      runRequestSide(call, ar.result());
    });
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
      // Forward the client's own bytes unless a policy changed the body.
      forward(call, ex.bodyModified() ? RequestBodies.serialize(ex.body()) : rawBody);
    });
  }

  private void forward(Call call, Buffer body) {
    Exchange ex = call.exchange;
    RequestOptions options = new RequestOptions()
        .setMethod(ex.route().method())
        .setHost(target.host())
        .setPort(target.port())
        .setSsl(target.ssl())
        .setURI(target.basePath() + ex.route().upstreamPath())
        .setIdleTimeout(idleTimeoutMs);
    ex.upstreamStarted(System.nanoTime());
    call.timer = vertx.setTimer(timeoutMs, id -> call.timeout());
    attempt(call, options, body, 1, 0);
  }

  /**
   * One try of the upstream call through the breaker; on a retryable outcome, schedules the next
   * try (same model after a backoff, then each fallback model once) while the overall deadline allows.
   */
  private void attempt(Call call, RequestOptions options, Buffer body, int tryOnModel, int modelIndex) {
    Exchange ex = call.exchange;
    ex.startAttempt(ex.body() == null ? null : ex.body().path("model").asText(null), System.nanoTime());
    long attemptTimer = vertx.setTimer(rules.attemptTimeoutMs(), id -> call.attemptTimeout());
    CallPace pace = call.paced(upstreamGuard.pace(ex));
    upstreamGuard.send(ex, pace, () -> send(call, options, body)).onComplete(rr -> {
      vertx.cancelTimer(attemptTimer);
      HttpClientResponse response = rr.succeeded() ? rr.result() : null;
      if (response == null && upstreamGuard.isOpen(rr.cause())) {
        ex.endAttempt(System.nanoTime(), 0, "breaker_open");
        breakerOpen(call, options, body);
        return;
      }
      if (call.finished) {
        return;
      }
      int status = response == null ? 0 : response.statusCode();
      if (call.timedOut || (response != null && !rules.retryOnStatus().contains(status))
          || !retry(call, options, body, tryOnModel, modelIndex, response, rr.cause())) {
        if (response != null) {
          relay(call, response);
        } else {
          ex.endAttempt(System.nanoTime(), 0, rr.cause().getMessage());
          call.failUpstream(rr.cause());
        }
      }
    });
  }

  /** Schedules the next try if one is allowed; false when this outcome is final. */
  private boolean retry(Call call, RequestOptions options, Buffer body, int tryOnModel, int modelIndex,
      HttpClientResponse response, Throwable error) {
    Exchange ex = call.exchange;
    long delay = -1;
    int nextTry = tryOnModel + 1;
    int nextModel = modelIndex;
    if (tryOnModel < rules.maxAttempts()) {
      delay = rules.delayMs(tryOnModel, response == null ? null : response.getHeader(HttpHeaders.RETRY_AFTER));
    }
    List<String> fallbacks = ex.body() == null ? List.of() : rules.fallbacksFor(ex.modelRequested());
    if (delay < 0 && modelIndex < fallbacks.size()) {
      delay = 0;
      nextTry = rules.maxAttempts(); // each fallback model gets one try
      nextModel = modelIndex + 1;
    }
    long left = timeoutMs - (System.nanoTime() - ex.upstreamStartNanos()) / 1_000_000;
    if (delay < 0 || delay >= left) {
      return false;
    }
    ex.endAttempt(System.nanoTime(), response == null ? 0 : response.statusCode(),
        response == null ? error.getMessage() : null);
    if (response != null) {
      call.pace.close(); // the refused answer's speed is not the provider's pace
      response.resume(); // drain the refused answer so its connection can be reused
    }
    Buffer nextBody = body;
    if (nextModel != modelIndex) {
      ex.body().put("model", fallbacks.get(nextModel - 1));
      ex.markBodyModified();
      ex.addAction(FALLBACK_MODEL_ACTION);
      nextBody = RequestBodies.serialize(ex.body());
    }
    Buffer sent = nextBody;
    int tryNo = nextTry;
    int modelNo = nextModel;
    vertx.setTimer(Math.max(1, delay), id -> {
      if (!call.finished) {
        attempt(call, options, sent, tryNo, modelNo);
      }
    });
    return true;
  }

  /** PERFORMANCE_DEGRADATION is open (its action already recorded): try the fallback model once, or fail fast. */
  private void breakerOpen(Call call, RequestOptions options, Buffer body) {
    Exchange ex = call.exchange;
    if (upstreamGuard.fallsBack(ex)) {
      String fallbackModel = upstreamGuard.fallbackModel();
      ex.body().put("model", fallbackModel);
      ex.markBodyModified();
      ex.startAttempt(fallbackModel, System.nanoTime());
      send(call, options, RequestBodies.serialize(ex.body())).onComplete(rr -> {
        if (rr.failed()) {
          call.failUpstream(rr.cause());
        } else {
          relay(call, rr.result());
        }
      });
      return;
    }
    vertx.cancelTimer(call.timer);
    call.fail(upstreamGuard.failFast());
  }

  private Future<HttpClientResponse> send(Call call, RequestOptions options, Buffer body) {
    Exchange ex = call.exchange;
    return client.request(options).compose(upstreamRequest -> {
      call.upstreamRequest = upstreamRequest;
      if (call.finished) {
        upstreamRequest.reset();
        return Future.failedFuture("client gone");
      }
      HeaderRules.copyToUpstream(ex.requestHeaders(), upstreamRequest.headers());
      if (target.authorization() != null) {
        upstreamRequest.putHeader(HttpHeaders.AUTHORIZATION, target.authorization());
      }
      if (body != null) {
        upstreamRequest.putHeader(HttpHeaders.CONTENT_TYPE, JSON);
      }
      // Paused until relay() has its handlers: the breaker may complete its future a tick later.
      return (body == null ? upstreamRequest.send() : upstreamRequest.send(body)).map(response -> {
        response.pause();
        return response;
      });
    });
  }

  private void relay(Call call, HttpClientResponse upstreamResponse) {
    Exchange ex = call.exchange;
    ex.upstreamHeaders(System.nanoTime());
    if (ex.stream() && upstreamResponse.statusCode() == 200 && isEventStream(upstreamResponse)) {
      vertx.cancelTimer(call.timer);
      relayStream(call, upstreamResponse);
    } else {
      upstreamResponse.body().onComplete(br -> {
        if (br.failed()) {
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
      ex.addStreamChunk(events, System.nanoTime());
      response.putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream");
      call.finish();
      response.end(events);
    } else {
      Buffer json = SyntheticCompletion.json(ex.traceId(), model, ex.localAnswer());
      ex.responseBody(json);
      checkBody(ex, 200, JSON, json);
      response.putHeader(HttpHeaders.CONTENT_TYPE, JSON);
      call.finish();
      response.end(json);
    }
  }

  private void respondWhole(Call call, HttpClientResponse upstreamResponse, Buffer body) {
    Exchange ex = call.exchange;
    ex.upstreamEnded(System.nanoTime());
    int status = upstreamResponse.statusCode();
    ex.status(status);
    ex.responseBody(body);
    String problem = checkBody(ex, status, upstreamResponse.getHeader(HttpHeaders.CONTENT_TYPE), body);
    call.pace.answered(OutputTokens.ofCompletion(ex.responseJson()));
    if (problem != null) {
      call.fail(GatewayFailure.upstream(502, "upstream_invalid_response", "The upstream " + target.describe()
          + " answered " + status + " with " + problem + "; the gateway did not pass it on"));
      return;
    }
    chain.response(ex).onComplete(ar -> {
      if (ar.failed()) {
        call.fail(ar.cause());
        return;
      }
      HttpServerResponse response = call.request.response();
      response.setStatusCode(status);
      HeaderRules.copyToClient(upstreamResponse.headers(), response.headers());
      writeActions(ex, response);
      call.finish();
      // A policy may have rewritten the answer (e.g. DATA_INCIDENT redaction).
      response.end(ex.responseBody());
    });
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
      HeaderRules.copyToClient(upstreamResponse.headers(), response.headers());
      writeActions(ex, response);
      upstreamResponse.handler(chunk -> {
        ex.addStreamChunk(chunk, System.nanoTime());
        call.pace.streamed(OutputTokens.ofStreamChunk(chunk));
        response.write(chain.chunk(ex, chunk));
        if (response.writeQueueFull()) {
          upstreamResponse.pause();
          response.drainHandler(v -> upstreamResponse.resume());
        }
      });
      upstreamResponse.exceptionHandler(err -> {
        if (!call.finished) {
          ex.upstreamEnded(System.nanoTime());
          ex.streamError(UpstreamErrors.streamCode(err));
          // Propagate the break: a clean end would tell the client the answer was complete.
          response.reset();
          call.finish();
        }
      });
      upstreamResponse.endHandler(v -> {
        ex.upstreamEnded(System.nanoTime());
        Buffer tail = chain.streamEnd(ex);
        call.finish();
        if (tail != null) {
          response.end(tail);
        } else {
          response.end();
        }
      });
      upstreamResponse.resume();
    });
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

  private static void writeError(HttpServerResponse response, GatewayFailure failure) {
    if (response.headWritten() || response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(failure.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .end(OpenAiErrors.body(failure));
  }

  /** One request's progress; touched only on its event loop. */
  private final class Call {
    final Exchange exchange;
    final HttpServerRequest request;
    HttpClientRequest upstreamRequest;
    /** The running try's pace; a new try closes the last one's. */
    CallPace pace = CallPace.NONE;
    long timer = -1;
    boolean timedOut;
    boolean finished;

    Call(Exchange exchange, HttpServerRequest request) {
      this.exchange = exchange;
      this.request = request;
      request.response().closeHandler(v -> clientGone());
    }

    void timeout() {
      timedOut = true;
      if (upstreamRequest != null) {
        upstreamRequest.reset(0, new TimeoutException("upstream timeout"));
      }
      // Also when between attempts (no request running): the deadline is the deadline.
      failUpstream(new TimeoutException("upstream timeout"));
    }

    CallPace paced(CallPace next) {
      pace.close();
      pace = next;
      return next;
    }

    /** Ends the running try; the attempt loop decides whether another one fits. */
    void attemptTimeout() {
      if (upstreamRequest != null && !finished) {
        upstreamRequest.reset(0, new TimeoutException("attempt timed out after " + rules.attemptTimeoutMs() + " ms"));
      }
    }

    void failUpstream(Throwable error) {
      if (finished) {
        return;
      }
      vertx.cancelTimer(timer);
      exchange.upstreamEnded(System.nanoTime());
      fail(UpstreamErrors.classify(error, timedOut, target, timeoutMs));
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
        response.end(OpenAiErrors.body(failure));
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
      if (upstreamRequest != null) {
        upstreamRequest.reset();
      }
    }

    /**
     * Hands the exchange to the completion side. Called just before the last bytes go out, so
     * that a client which has its answer can already find the trace (nothing after this point
     * changes what the trace says).
     */
    void finish() {
      if (finished) {
        return;
      }
      finished = true;
      pace.close();
      exchange.ended(System.nanoTime());
      chain.complete(exchange);
      inFlight.leave();
    }
  }
}
