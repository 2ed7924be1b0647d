package gw.gateway.upstream;

import gw.gateway.chain.Exchange;
import gw.gateway.chain.Route;
import gw.gateway.chain.Wire;
import gw.gateway.config.GatewayConfig;
import gw.gateway.otlp.W3cTraceContext;
import gw.gateway.policy.forward.HeaderRules;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;
import java.util.EnumMap;
import java.util.Map;

/** The real call to one provider: one HTTP request on the event loop's own connection pool to it. */
public final class HttpUpstream implements Upstream {
  private static final String JSON = "application/json";
  private static final String ANTHROPIC_VERSION_HEADER = "anthropic-version";
  /** Sent to an Anthropic provider when the client did not name a version (a chat client never does). */
  static final String ANTHROPIC_VERSION = "2023-06-01";

  private final HttpClient client;
  private final UpstreamTarget target;
  private final long idleTimeoutMs;
  private final HeaderRules headers;
  /** The upstream URI of each route, joined once rather than per request. */
  private final Map<Route, String> uris = new EnumMap<>(Route.class);

  public HttpUpstream(HttpClient client, GatewayConfig.Provider provider, long idleTimeoutMs, HeaderRules headers) {
    this.headers = headers;
    this.client = client;
    this.target = UpstreamTarget.of(provider);
    this.idleTimeoutMs = idleTimeoutMs;
    for (Route route : Route.values()) {
      uris.put(route, target.basePath() + route.upstreamPath(Providers.wireOf(provider, route)));
    }
  }

  @Override
  public Future<UpstreamResponse> call(UpstreamRequest request) {
    Exchange ex = request.exchange();
    RequestOptions options = new RequestOptions()
        .setMethod(ex.route().method())
        .setHost(target.host())
        .setPort(target.port())
        .setSsl(target.ssl())
        .setURI(ex.resourceId() == null ? uris.get(ex.route()) : uris.get(ex.route()) + ex.resourceId())
        .setIdleTimeout(idleTimeoutMs);
    return client.request(options).compose(http -> {
      request.resetWith(cause -> {
        if (cause == null) {
          http.reset();
        } else {
          http.reset(0, cause);
        }
      });
      if (request.isEnded()) {
        http.reset();
        return Future.failedFuture("client gone");
      }
      headers.copyToUpstream(ex.requestHeaders(), http.headers());
      // The provider's spans join the trace under this try's model-call span, not the client's.
      http.putHeader(W3cTraceContext.HEADER, W3cTraceContext.traceparent(ex.traceId(),
          ex.requestHeaders().get(W3cTraceContext.HEADER), ex.currentSpanId()));
      if (target.authValue() != null) {
        http.putHeader(target.authHeader(), target.authValue());
      }
      if (target.wire() == Wire.ANTHROPIC && !http.headers().contains(ANTHROPIC_VERSION_HEADER)) {
        http.putHeader(ANTHROPIC_VERSION_HEADER, ANTHROPIC_VERSION);
      }
      Buffer body = request.body();
      if (body != null) {
        http.putHeader(HttpHeaders.CONTENT_TYPE, JSON);
      }
      // Paused until the relay has its handlers: the breaker may hand the answer over a tick later.
      return (body == null ? http.send() : http.send(body)).map(response -> {
        response.pause();
        return new Answer(response, request.wire());
      });
    });
  }

  private record Answer(HttpClientResponse http, Wire wire) implements UpstreamResponse {
    @Override
    public int status() {
      return http.statusCode();
    }

    @Override
    public String header(CharSequence name) {
      return http.getHeader(name);
    }

    @Override
    public void discard() {
      http.resume();
    }
  }
}
