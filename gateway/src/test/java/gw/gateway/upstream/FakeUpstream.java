package gw.gateway.upstream;

import gw.gateway.chain.Exchange;
import gw.gateway.chain.Identity;
import gw.gateway.policy.forward.ForwardRules;
import gw.gateway.testing.FakeExchanges;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** A scripted inner upstream: answers each call with the next scripted outcome and notes what it was sent. */
final class FakeUpstream implements Upstream {
  final List<String> models = new ArrayList<>();
  final List<String> bodies = new ArrayList<>();
  private final Deque<Function<UpstreamRequest, Future<UpstreamResponse>>> script = new ArrayDeque<>();

  FakeUpstream then(Function<UpstreamRequest, Future<UpstreamResponse>> outcome) {
    script.add(outcome);
    return this;
  }

  FakeUpstream thenAnswer(FakeResponse response) {
    return then(r -> Future.succeededFuture(response));
  }

  FakeUpstream thenFail(Throwable error) {
    return then(r -> Future.failedFuture(error));
  }

  @Override
  public Future<UpstreamResponse> call(UpstreamRequest request) {
    models.add(request.exchange().routedModel());
    request.prepare();
    bodies.add(request.body() == null ? null : request.body().toString());
    if (script.isEmpty()) {
      throw new AssertionError("called more often than scripted: " + models);
    }
    return script.removeFirst().apply(request);
  }

  static final Providers ONE_PROVIDER = new Providers(List.of(new gw.gateway.config.GatewayConfig.Provider("openai",
      gw.gateway.chain.Wire.OPENAI, new gw.gateway.config.GatewayConfig.Upstream("http://127.0.0.1:1/v1", null, 1, 1, 1, 1),
      List.of("*"))));

  /** A chat request for {@code model}, sent at {@code startMs} on the test's clock, with {@code timeoutMs} overall. */
  static UpstreamRequest request(String model, long startMs, long timeoutMs) {
    String json = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"refunds?\"}]}";
    Exchange ex = FakeExchanges.chat(Identity.ANONYMOUS, json);
    return new UpstreamRequest(ex, Buffer.buffer(json), body -> Buffer.buffer(body.toString()), ONE_PROVIDER,
        startMs * 1_000_000, timeoutMs);
  }

  /** forward.json's shape: {@code maxAttempts} tries, 100-400 ms backoff, Retry-After up to 2 s, gpt-4o falls back twice. */
  static ForwardRules rules(int maxAttempts) {
    return new ForwardRules(maxAttempts, 100, 400, 2_000, Set.of(429, 500, 502, 503, 504), 30_000,
        Map.of("gpt-4o", List.of("gpt-4o-mini", "gpt-3.5-turbo")), gw.gateway.policy.forward.HeaderRules.DEFAULTS, true);
  }

  /** An answer's status and Retry-After; counts how often a decorator drained it. */
  static final class FakeResponse implements UpstreamResponse {
    private final int status;
    private final String retryAfter;
    int discarded;

    FakeResponse(int status, String retryAfter) {
      this.status = status;
      this.retryAfter = retryAfter;
    }

    static FakeResponse of(int status) {
      return new FakeResponse(status, null);
    }

    @Override
    public int status() {
      return status;
    }

    @Override
    public String header(CharSequence name) {
      return "retry-after".contentEquals(name) ? retryAfter : null;
    }

    @Override
    public void discard() {
      discarded++;
    }

    @Override
    public gw.gateway.chain.Wire wire() {
      return gw.gateway.chain.Wire.OPENAI;
    }

    @Override
    public HttpClientResponse http() {
      throw new UnsupportedOperationException("a scripted answer has no HTTP body");
    }
  }
}
